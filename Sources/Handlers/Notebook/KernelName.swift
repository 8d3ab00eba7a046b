public import PlannerKernel

/// The grammar of a Jupyter kernelspec name (`python3`, `ir`, `julia-1.10`): 1–64 ASCII
/// letters, digits, `.`, `_` and `-`, as Jupyter itself accepts for kernel directories.
public enum KernelName {
    /// The longest accepted name.
    public static let maximumLength = 64

    /// Why `name` is not a kernelspec name, or `nil` when it is one.
    public static func problem(in name: String) -> FormatError? {
        if name.isEmpty {
            return FormatError(message: "the kernel name is empty", hint: "name a kernelspec such as python3")
        }
        if name.utf8.count > maximumLength {
            return FormatError(code: .tooLong, message: "the kernel name \"\(name.prefix(40))…\" is longer than \(maximumLength) characters")
        }
        if let bad = name.unicodeScalars.first(where: { !isKernelNameScalar($0) }) {
            let shown = bad == " " ? "a space" : (bad.value < 0x20 || bad.value > 0x7E ? "U+\(String(bad.value, radix: 16, uppercase: true))" : "'\(bad)'")
            return FormatError(
                message: "\"\(name.prefix(64))\" is not a kernelspec name: it contains \(shown)",
                hint: "kernelspec names use only letters, digits, '.', '_' and '-' (for example python3); a display name such as \"Python 3 (ipykernel)\" is not a kernel name")
        }
        return nil
    }

    static func isKernelNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-": true
        default: false
        }
    }
}
