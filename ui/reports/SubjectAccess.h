#pragma once

#include <QString>

class QWidget;

namespace claimdesk::ui {

class Prompter;
class VaultSession;

// Cases › Subject access bundle… (supervisors): asks where to save the PDF for the client, then writes it and the
// machine-readable JSON beside it (same name, .json), after recording the output in the audit log. Says what was
// written and how many withheld items are listed. Returns the PDF's path, or an empty string.
QString saveSubjectAccessBundle(QWidget* parent, VaultSession& session, Prompter& prompter, qint64 caseId,
                                const QString& reference);

}  // namespace claimdesk::ui
