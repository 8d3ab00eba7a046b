public import PlannerKernel
import PlannerKernelTesting

/// Valid inputs as large and as intricate as plannerd accepts, each small enough to fit in the
/// default `http.maxbody` (1 MiB) as part of an ask. The benchmarks check they are valid first.
public enum WorstCaseInputs {
    /// The size the large documents aim for: most of the default 1 MiB body limit.
    public static let targetBytes = 900 * 1024

    static let hex = Array("0123456789abcdef")

    /// `count` lower-case hex digits, deterministic.
    static func hexDigits(_ count: Int, seed: UInt64) -> String {
        var random = SeededGenerator(seed: seed)
        return String((0..<count).map { _ in hex[Int(random.next(below: 16))] })
    }

    /// A JSON string literal.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    // MARK: docker-container

    /// The sha512 digest used by the docker input.
    public static let dockerDigest = "sha512:" + hexDigits(128, seed: 512)

    /// A docker `taskinfo`: a registry with a port, a deep path, a tag and a sha512 digest (also
    /// given in `digest`), a platform with a variant, 64 command arguments, an entrypoint, the
    /// most environment variables (256, values of about 3 KiB: ~800 KiB in all) and 1 024 ports
    /// (half TCP numbers, half `{"port", "protocol": "UDP"}` objects).
    public static let dockerTaskInfo: String = {
        let image = "registry.internal.example.org:5443/astro/pipelines/survey/stage-2/calibration/photometry:v2.14.3-rc.1@\(dockerDigest)"
        let command = (0..<64).map { quoted("--option-\($0)=value with spaces \($0)") }.joined(separator: ",")
        let valueBody = String(repeating: "abcdefghijklmnopqrstuvwxyz0123456789/=+:,._-", count: 70)
        let environment = (0..<256).map { index in
            "\(quoted("PLANNER_BENCH_VARIABLE_\(index)")):\(quoted("\(index):\(valueBody)"))"
        }.joined(separator: ",")
        let ports = (1...512).map { "\($0 + 1000)" } + (1...512).map { #"{"port":\#($0 + 20000),"protocol":"UDP"}"# }
        return """
            {"image":\(quoted(image)),"digest":\(quoted(dockerDigest)),"platform":"linux/arm64/v8",\
            "command":[\(command)],"entrypoint":["/usr/bin/env","python3","-m","pipeline.main"],\
            "environment":{\(environment)},"ports":[\(ports.joined(separator: ","))],"privileged":false}
            """
    }()

    // MARK: kubernetes-helm

    /// A helm `taskinfo`: an untagged OCI chart with a port, a deep repository and a sha256 digest,
    /// a version constraint with alternatives and a range, a release and namespace at their
    /// longest, and a `values` object of about 900 KiB with a branch 32 levels deep (the limit).
    public static let helmTaskInfo: String = {
        let chart = "oci://registry.internal.example.org:5443/astro/charts/pipelines/survey/calibration@sha256:" + hexDigits(64, seed: 256)
        let version = ">= 1.2.3-rc.1, < 2.0.0 || ^3.1.x || ~4.5 || 5.0.0 - 5.9.9"
        let release = "survey-calibration-" + String(repeating: "a", count: 53 - 19)
        let namespace = "astro-pipelines-" + String(repeating: "n", count: 63 - 16)
        // `values` is 1 deep and `global` 2; 30 nested objects below make a branch exactly 32 deep.
        var deep = #"{"leaf":true}"#
        for level in (4...32).reversed() { deep = #"{"level\#(level)":\#(deep)}"# }
        var components: [String] = []
        var size = 0
        var index = 0
        while size < targetBytes - 4096 {
            let component = """
                "component-\(index)":{"enabled":true,"replicaCount":\(index % 7 + 1),\
                "image":{"repository":"registry.example.org/astro/component-\(index)","tag":"1.\(index % 40).\(index % 13)","pullPolicy":"IfNotPresent"},\
                "resources":{"requests":{"cpu":"250m","memory":"512Mi"},"limits":{"cpu":"2","memory":"4Gi"}},\
                "env":[{"name":"LOG_LEVEL","value":"info"},{"name":"RATIO","value":"0.\(index)"}],\
                "annotations":{"example.org/owner":"team-\(index % 9)","example.org/note":"caf\\u00e9 \\"quoted\\" line\\nbreak"},\
                "thresholds":[0.5,1.25e-3,-7,\(index),null,false]}
                """
            size += component.utf8.count + 1
            components.append(component)
            index += 1
        }
        let values = #"{"global":{"deep":\#(deep)},\#(components.joined(separator: ","))}"#
        return """
            {"chart":\(quoted(chart)),"version":\(quoted(version)),"release":\(quoted(release)),\
            "namespace":\(quoted(namespace)),"values":\(values)}
            """
    }()

    // MARK: jupyter-notebook

    /// A notebook `taskinfo` with the notebook inline: nbformat 4.5 with kernelspec and
    /// language_info, about 900 KiB of code, markdown and raw cells (every fifth code cell with
    /// execution metadata, tags on every cell), code cells with stream, execute_result,
    /// display_data (a PNG as base64) and error outputs, markdown cells with attachments.
    public static let notebookTaskInfo: String = {
        let png = String(repeating: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg", count: 6)
        var cells: [String] = []
        var size = 0
        var index = 0
        while size < targetBytes - 4096 {
            let id = "cell-\(index)"
            let cell: String
            switch index % 4 {
            case 0, 1:
                let metadata = index % 5 == 0
                    ? #"{"tags":["analysis","step-\#(index)"],"collapsed":false,"scrolled":"auto","execution":{"iopub.execute_input":"2026-11-20T00:00:00.000Z","shell.execute_reply":"2026-11-20T00:00:01.000Z"}}"#
                    : #"{"tags":["step-\#(index)"],"jupyter":{"source_hidden":false}}"#
                cell = """
                    {"id":"\(id)","cell_type":"code","metadata":\(metadata),\
                    "source":["import numpy as np\\n","x = np.linspace(0, \(index), 100)\\n","print(x.mean())"],\
                    "outputs":[{"output_type":"stream","name":"stdout","text":["\(index).5\\n","done\\n"]},\
                    {"output_type":"execute_result","execution_count":\(index + 1),"metadata":{},\
                    "data":{"text/plain":["array([0., 1., 2.])"],"text/html":"<b>\(index)</b>","application/json":{"value":\(index),"list":[1,2,3]}}},\
                    {"output_type":"display_data","metadata":{"image/png":{"width":640,"height":480}},"data":{"image/png":"\(png)","text/plain":"<Figure size 640x480>"}},\
                    {"output_type":"error","ename":"ValueError","evalue":"bad value \(index)","traceback":["Traceback (most recent call last)","  File \\"<stdin>\\", line 1","ValueError: bad value"]}],\
                    "execution_count":\(index + 1)}
                    """
            case 2:
                cell = """
                    {"id":"\(id)","cell_type":"markdown","metadata":{"tags":["notes"],"name":"notes-\(index)"},\
                    "source":"# Step \(index)\\n\\nSome *markdown* with ![figure](attachment:figure-\(index).png)",\
                    "attachments":{"figure-\(index).png":{"image/png":"\(png)"}}}
                    """
            default:
                cell = #"{"id":"\#(id)","cell_type":"raw","metadata":{"format":"text/restructuredtext"},"source":[".. note::\n","   raw cell \#(index)"]}"#
            }
            size += cell.utf8.count + 1
            cells.append(cell)
            index += 1
        }
        let metadata = #"{"kernelspec":{"name":"python3","display_name":"Python 3 (ipykernel)","language":"python"},"language_info":{"name":"python","version":"3.12.1","file_extension":".py","mimetype":"text/x-python","pygments_lexer":"ipython3","codemirror_mode":{"name":"ipython","version":3}},"title":"Survey calibration","authors":[{"name":"A. Astronomer"}]}"#
        let notebook = #"{"nbformat":4,"nbformat_minor":5,"metadata":\#(metadata),"cells":[\#(cells.joined(separator: ","))]}"#
        return #"{"content":\#(notebook),"kernel":"python3"}"#
    }()

    // MARK: quantities

    /// Valid memory quantities: every suffix, fractions, exponents, the largest values.
    public static let memoryQuantities = [
        "8G", "10G", "360G", "400G", "4Gi", "1536Mi", "8000M", "1.5Gi", "0.5Ki", "128974848",
        "129e6", "129M", "123Mi", "1Ti", "2Pi", "7Ei", "1E", "100k", "500Ki", "999999999999",
    ]

    /// Valid durations: the short form with every unit and ISO 8601.
    public static let durations = [
        "10m", "20m", "9h", "9h30m", "1h2m3s", "45s", "24h", "PT9H30M", "P1D", "PT20M",
        "P1DT2H3M4S", "PT45S", "2h", "90m", "PT1H", "P2D", "8h", "1h1s", "PT10M", "3600s",
    ]

    // MARK: JSON

    /// One flat object of `members` members, `{"k0":0,"k1":1,…}`: about 90 000 fit in 1 MiB.
    public static func flatObject(members: Int) -> String {
        "{" + (0..<members).map { #""k\#($0)":\#($0)"# }.joined(separator: ",") + "}"
    }

    /// A document of about 64 KiB mixing everything the parser reads: objects, arrays, strings
    /// with escapes and non-ASCII text, integers, reals with exponents, booleans and null.
    public static let jsonDocument64KiB: String = {
        var records: [String] = []
        var size = 0
        var index = 0
        while size < 64 * 1024 - 200 {
            let record = """
                {"id":\(index),"name":"record \(index) \\"quoted\\" caf\\u00e9 – Ångström","score":\(Double(index) * 0.125 + 0.001),\
                "exponent":1.5e-\(index % 20 + 1),"negative":-\(index * 7919),"active":\(index % 2 == 0),"missing":null,\
                "tags":["alpha","beta","gamma-\(index % 10)"],"position":{"ra":\(Double(index) * 1.1),"dec":-\(Double(index % 90) + 0.25)},\
                "path":"C:\\\\data\\\\run\(index)\\tfile\\n"}
                """
            size += record.utf8.count + 1
            records.append(record)
            index += 1
        }
        return #"{"records":[\#(records.joined(separator: ","))],"count":\#(records.count)}"#
    }()
}

extension JSONValue {
    /// The nesting depth counted as the helm handler counts it (`{"a": 1}` is 1 deep, a scalar 0).
    public var nestingDepth: Int {
        switch self {
        case .array(let items): 1 + (items.map(\.nestingDepth).max() ?? 0)
        case .object(let object): 1 + (object.members.map(\.value.nestingDepth).max() ?? 0)
        default: 0
        }
    }
}
