import KubernetesHelmHandler
import PlannerKernel
import PlannerKernelTesting

/// The handler under test.
let helm = KubernetesHelmTaskType()

/// A repository the vectors use.
let exampleRepository = "https://charts.example.org/stable"

/// A `taskinfo` object from members, in order.
func taskInfo(_ members: KeyValuePairs<String, JSONValue>) -> JSONValue {
    .object(JSONObject(members.map { JSONObject.Member(key: $0.key, value: $0.value) }))
}

/// Reads `members` as taskinfo.
func probe(_ members: KeyValuePairs<String, JSONValue>) -> TaskInfoOutcome<KubernetesHelmTaskType> {
    helm.probeTaskInfo(taskInfo(members))
}

/// The settings read from `json` (defaults for `nil`), which must be valid.
func settings(_ json: String?) -> HelmSettings {
    helm.probeSettings(json).settings ?? .defaults
}

/// The serviceinfo of a valid task, as a JSON object.
func serviceInfoObject(_ task: HelmTaskInfo, settings: HelmSettings = .defaults) -> JSONObject? {
    let info = helm.serviceInfo(for: task, endpoint: "http://example.org/kws", settings: settings)
    return (try? JSONValue(encoding: info))?.objectValue
}

/// `count` copies of `a`.
func letters(_ count: Int) -> String { String(repeating: "a", count: count) }

/// A digest of 64 hex digits.
let sha256Digest = "sha256:" + String(repeating: "0123456789abcdef", count: 4)

/// An object's members by key, for comparisons that ignore member order.
func membersByKey(_ object: JSONObject?) -> [String: JSONValue]? {
    object.map { Dictionary($0.members.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first }) }
}
