import LTSetupCore

/// The proxy screen: nginx or Apache, one line on each.
extension Wizard {
    static func drawProxy(_ screen: inout Screen, _ state: AppState, _ body: Rect) {
        let g = state.glyphs
        let area = readable(body)
        var row = area.y + Document.draw([
            .blank,
            Paragraph("Which web server should answer for your station on ports 80 and 443?", Style(bold: true)),
            .blank,
        ], in: area, on: &screen)
        let box = Rect(x: area.x, y: row, width: area.width, height: Proxy.allCases.count + 2)
        screen.box(box, title: "Web server", glyphs: g)
        row += 1
        for proxy in Proxy.allCases {
            let chosen = proxy == state.proxy
            let mark = chosen ? g.radioOn : g.radioOff
            let name = TextFit.pad("\(mark) \(proxy.displayName)", 12)
            screen.put(name, at: Position(column: box.x + 4, row: row), Style(bold: chosen))
            screen.put(proxyLine(proxy), at: Position(column: box.x + 17, row: row), width: box.width - 19,
                       Style(.muted), glyphs: g)
            if chosen { screen.select(row: row, from: box.x + 2, to: box.x + 16, glyphs: g) }
            row += 1
        }
        row += 2
        let backend = state.details.backend.text.isEmpty ? Answers.defaultBackend.answer : state.details.backend.text
        Document.draw([
            Paragraph("The web server receives the https requests for your domain and passes them on to LibreTime's own web server at \(backend) (you can change it on the next screen)."),
            .blank,
            Paragraph("lt-setup installs the one you choose if it is missing.", Style(.muted)),
        ], in: Rect(x: area.x, y: row, width: area.width, height: area.bottom - row), on: &screen)
    }

    static func proxyLine(_ proxy: Proxy) -> String {
        switch proxy {
        case .nginx: "recommended by LibreTime's guide"
        case .apache: "if Apache already serves other sites here"
        }
    }
}
