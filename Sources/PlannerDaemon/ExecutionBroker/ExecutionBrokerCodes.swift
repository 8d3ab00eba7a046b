public import PlannerKernel

extension ProblemCode {
    /// A part of an ExecutionBroker request that plannerd does not plan (storage, data, volumes).
    public static let notPlanned: ProblemCode = "not-planned"
    /// A component kind that no generation of the ExecutionBroker draft defines.
    public static let unknownKind: ProblemCode = "unknown-kind"
    /// The offered memory is not a whole number of GiB, the draft's unit; the offer set rounds it.
    public static let memoryRounded: ProblemCode = "memory-rounded"
}
