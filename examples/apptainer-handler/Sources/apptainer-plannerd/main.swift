import ApptainerHandler
import Foundation
import PlannerDaemon

// plannerd with the handlers of plannerd's package traits plus the Apptainer handler. Every
// subcommand works as in plannerd: serve, check, tasktypes.
let status = await PlannerMain.run(
    handlers: CompiledInHandlers.all + [ApptainerTaskType()], arguments: Array(CommandLine.arguments.dropFirst()))
exit(status)
