// PLACEHOLDER — being implemented
public enum IcecastConfigEdit {
    public static func enableTLS(in xml: String, port: Int, certificatePath: String) -> Result<String, EditError> {
        .failure(EditError("not implemented"))
    }
}
