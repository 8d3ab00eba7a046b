public import Hummingbird
import HTTPTypes

/// The URL clients reach this daemon at, for documents that name its endpoints (VOSI
/// capabilities, offer URLs): `http://` (or `https://` behind a proxy that sends
/// `X-Forwarded-Proto: https`) and the request's `Host`, else the configured address.
public enum PublicBaseURL {
    /// The base URL, without a trailing slash.
    public static func of(_ request: Request, configured http: HTTPSettings) -> String {
        let forwarded = request.headers[.forwardedProto]?.lowercased()
        let scheme = forwarded == "https" ? "https" : "http"
        if let host = request.head.authority, isAuthority(host) {
            return scheme + "://" + host
        }
        let host = http.host.contains(":") ? "[\(http.host)]" : http.host
        return scheme + "://" + host + ":" + String(http.port)
    }

    /// Whether `text` is a plain `host[:port]` (letters, digits, `.`, `-`, `:`, and IPv6 brackets),
    /// so a crafted `Host` cannot inject markup or another URL.
    static func isAuthority(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 255 && text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]"): true
            default: false
            }
        }
    }
}

extension HTTPField.Name {
    /// `X-Forwarded-Proto`: the scheme a reverse proxy received the request on.
    static let forwardedProto = Self("X-Forwarded-Proto")!
}
