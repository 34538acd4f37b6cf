// PLACEHOLDER — being implemented
public enum LibreTimeConfigEdit {
    public static func setPublicURLs(in yaml: String, siteURL: String, icecastStreamBase: String?) -> Result<String, EditError> {
        .failure(EditError("not implemented"))
    }
}
