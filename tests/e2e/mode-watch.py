#!/usr/bin/env python3
"""Records every state the files under some folders pass through while a run goes on: each
time inotify reports that an entry was created, written, closed, renamed in, or had its owner
or mode changed, the entry is looked at (lstat) and one line is written to OUTPUT:

    MODE UID GID TYPE PATH

(MODE in octal; TYPE f, d, l or s for a socket). Folders created meanwhile are watched too. Together with the
order in which lt-setup makes a file (a 0600 temporary, its owner, its mode, then the rename),
this shows whether a secret such as Icecast's bundle.pem was ever readable by others while it
was being made, not only at the end.

    mode-watch.py OUTPUT FOLDER...

It writes "ready" to stdout once every folder is watched, and stops on SIGTERM or SIGINT.
"""
import ctypes
import os
import signal
import stat
import struct
import sys

IN_MODIFY = 0x002
IN_ATTRIB = 0x004
IN_CLOSE_WRITE = 0x008
IN_MOVED_TO = 0x080
IN_CREATE = 0x100
IN_ISDIR = 0x40000000
IN_CLOEXEC = 0o2000000
MASK = IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE
HEADER = struct.Struct("iIII")

libc = ctypes.CDLL("libc.so.6", use_errno=True)


def main():
    output, folders = sys.argv[1], sys.argv[2:]
    fd = libc.inotify_init1(IN_CLOEXEC)
    if fd < 0:
        sys.exit("mode-watch: inotify_init1: " + os.strerror(ctypes.get_errno()))
    watches = {}
    out = open(output, "a", buffering=1)

    def record(path):
        try:
            info = os.lstat(path)
        except OSError:
            return  # gone already (a temporary renamed away)
        kind = ("d" if stat.S_ISDIR(info.st_mode) else "l" if stat.S_ISLNK(info.st_mode)
                else "s" if stat.S_ISSOCK(info.st_mode) else "f")
        out.write("%o %d %d %s %s\n" % (stat.S_IMODE(info.st_mode), info.st_uid, info.st_gid, kind, path))

    def watch(folder):
        wd = libc.inotify_add_watch(fd, os.fsencode(folder), MASK)
        if wd >= 0:
            watches[wd] = folder
        record(folder)
        for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
            path = os.path.join(folder, name)
            if os.path.isdir(path) and not os.path.islink(path):
                watch(path)
            else:
                record(path)

    for folder in folders:
        watch(folder)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print("ready", flush=True)
    try:
        while True:
            data = os.read(fd, 65536)
            offset = 0
            while offset < len(data):
                wd, mask, _cookie, length = HEADER.unpack_from(data, offset)
                name = data[offset + HEADER.size:offset + HEADER.size + length].rstrip(b"\0")
                offset += HEADER.size + length
                folder = watches.get(wd)
                if folder is None:
                    continue
                path = os.path.join(folder, os.fsdecode(name)) if name else folder
                if mask & IN_ISDIR and mask & (IN_CREATE | IN_MOVED_TO):
                    watch(path)
                else:
                    record(path)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
