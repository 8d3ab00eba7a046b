public import Hummingbird
public import PlannerKernel

extension Response {
    /// A `200` (or other) JSON response of `value`, members in order, slashes unescaped.
    public static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: value.serialized())))
    }
}
