#pragma once

#include "reports/ReportDocument.h"

#include <QString>

#include <functional>
#include <memory>

class QWidget;

namespace claimdesk::ui {

class Prompter;

// Recorded before anything is printed or written, so it is in the audit log first. Gets the format ("print",
// "pdf", "csv") and the file (native path) and returns a problem (then nothing is produced) or an empty string.
using OutputRecorder = std::function<QString(const QString& format, const QString& destination)>;

// The ways a document leaves the screen, shared by the case summary, the reports and the subject access bundle.
// File names come from the Prompter (in the Documents folder, named after the case reference or the report, never
// the client); an existing file is replaced only when the person confirms. Errors (a full disk, a read-only folder)
// are reported through the Prompter with what to do. Each returns the file written, or an empty string.
QString savePdf(QWidget* parent, Prompter& prompter, const core::reports::Document& document,
                const QString& suggestedBaseName, const OutputRecorder& record);
QString saveCsv(QWidget* parent, Prompter& prompter, const core::reports::Document& document,
                const QString& suggestedBaseName, const OutputRecorder& record);
// The system print dialog, opened without blocking; prints when the person accepts it.
void printWithDialog(QWidget* parent, Prompter& prompter, std::shared_ptr<const core::reports::Document> document,
                     const OutputRecorder& record);

// "BBK-2026-0042 Case summary (counsel) 2026-11-27": a file name without the client's name or a slash.
QString documentFileName(const QString& first, const QString& second, const QDate& day);

}  // namespace claimdesk::ui
