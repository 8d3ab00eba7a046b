/// The IVOA VOSI 1.1 capabilities document of a plannerd (`GET /capabilities`;
/// `reference/formats.md` §7): the capabilities endpoint itself, and the planner API with one
/// interface per accepted way of calling it (anonymous, and OAuth bearer tokens when issuers are
/// configured). The planner has no registered IVOA standard, so its capability has no `standardID`.
public struct CapabilitiesDocument: Sendable {
    /// The daemon's public base URL, without a trailing slash.
    public var baseURL: String
    /// Whether callers without credentials are served.
    public var anonymous: Bool
    /// Whether bearer tokens from configured issuers are accepted.
    public var bearerTokens: Bool

    /// A document for a daemon reached at `baseURL`.
    public init(baseURL: String, anonymous: Bool, bearerTokens: Bool) {
        self.baseURL = baseURL
        self.anonymous = anonymous
        self.bearerTokens = bearerTokens
    }

    /// The `standardID` of the VOSI capabilities endpoint.
    public static let capabilitiesStandardID = "ivo://ivoa.net/std/VOSI#capabilities"
    /// The `standardID` of OAuth 2 bearer-token authentication (IVOA SSO).
    public static let oauthSecurityMethod = "ivo://ivoa.net/sso#OAuth"

    /// The XML text.
    public var xml: String {
        let base = Self.escaped(baseURL)
        var text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <vosi:capabilities xmlns:vosi="http://www.ivoa.net/xml/VOSICapabilities/v1.0" \
            xmlns:vr="http://www.ivoa.net/xml/VOResource/v1.0" \
            xmlns:vs="http://www.ivoa.net/xml/VODataService/v1.1" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <capability standardID="\(Self.capabilitiesStandardID)">
                <interface xsi:type="vs:ParamHTTP" role="std">
                  <accessURL use="full">\(base)/capabilities</accessURL>
                </interface>
              </capability>
              <capability>

            """
        if anonymous {
            text += """
                    <interface xsi:type="vs:ParamHTTP">
                      <accessURL use="base">\(base)/</accessURL>
                    </interface>

                """
        }
        if bearerTokens {
            text += """
                    <interface xsi:type="vs:ParamHTTP">
                      <accessURL use="base">\(base)/</accessURL>
                      <securityMethod standardID="\(Self.oauthSecurityMethod)"/>
                    </interface>

                """
        }
        text += """
              </capability>
            </vosi:capabilities>

            """
        return text
    }

    /// `text` with the five XML special characters escaped.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.append(character)
            }
        }
        return result
    }
}
