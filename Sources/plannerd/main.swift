import Foundation
import PlannerDaemon

// plannerd with the handlers chosen by this build's package traits.
let status = await PlannerMain.run(handlers: CompiledInHandlers.all, arguments: Array(CommandLine.arguments.dropFirst()))
exit(status)
