import ConveneCore
import Foundation

extension AgendaStore {
    /// The name of the attached Tagesordnung: `Tagesordnung.pdf`, in English `Agenda.pdf`.
    public static func printedName(_ language: Language) -> String { language == .en ? "Agenda.pdf" : "Tagesordnung.pdf" }

    /// The public Tagesordnung of `meeting` as PDF (what `convene agenda MEETING --format pdf` prints), for a mail
    /// to carry (`invite --attach-agenda`): it must be the agenda stored with the meeting, the one the invitation's
    /// text lists, so it is built again and compared with it (in the stored agenda's language), then printed in
    /// `language`.
    /// - Throws: `WorkspaceProblem` when there is no stored agenda, it differs from what `convene agenda` builds now
    ///   (naming the command that resolves it), or the PDF cannot be made (`PDFRenderer`).
    public static func printedPDF(of meeting: Meeting, in workspace: Workspace, language: Language) throws(WorkspaceProblem) -> Data {
        guard let stored = try StoredAgenda.read(meeting, in: workspace) else {
            throw WorkspaceProblem(file: meeting.files.agendaFile, "no agenda to attach; build it first: convene agenda \(meeting.id)")
        }
        let planner = try AgendaPlanner(workspace: workspace)
        let names = AgendaNames(workspace: workspace, meeting: meeting)
        let agenda = try planner.build(for: meeting)
        let rebuilt = try StoredAgenda(text: text(AgendaReport(agenda: agenda, names: names, language: stored.language, zone: planner.zone)),
                                       file: meeting.files.agendaFile)
        guard rebuilt.items == stored.items else {
            throw WorkspaceProblem(file: meeting.files.agendaFile, "differs from the Tagesordnung convene builds now, so the PDF would not match the "
                                   + "invitation; store the current one first: convene agenda \(meeting.id)"
                                   + (StoredAgenda.isUntouched(meeting, in: workspace) ? "" : " --force (it was edited by hand; a backup is kept)"))
        }
        let report = AgendaReport(agenda: agenda, names: names, language: language, zone: planner.zone)
        let html = try AgendaTemplates.render(report, format: .html, explain: false, workspaceRoot: workspace.root)
        return try PDFRenderer().render(html, network: workspace.network.name, language: language, workspaceRoot: workspace.root)
    }
}
