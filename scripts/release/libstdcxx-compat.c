/*
 * Linked into the release binary only, which is built against Debian 11's libstdc++ (GCC 10).
 * The static Swift runtime references one symbol that GCC 10's libstdc++ does not have:
 * std::__throw_bad_array_new_length(), added in GCC 11. The runtime calls it only when an
 * array allocation's size overflows, which is fatal either way: this weak definition aborts,
 * as an uncaught std::bad_array_new_length would. A newer libstdc++ that has the symbol wins.
 */
#include <stdlib.h>

__attribute__((weak, noreturn)) void _ZSt28__throw_bad_array_new_lengthv(void) {
    abort();
}
