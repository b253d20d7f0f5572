#pragma once

#include "therapy/TherapyTypes.h"

#include <QDate>
#include <QDialog>

#include <functional>
#include <memory>

class QPrinter;
class QPushButton;
class QTextBrowser;

namespace claimdesk::ui {

class Prompter;

// "Statement…": the case's statement of therapy costs on screen, with Print preview…, Export PDF… and Export CSV….
// File names come from the Prompter; files are never replaced without asking.
class StatementDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatementDialog)
public:
    StatementDialog(core::therapy::CaseStatement statement, QString printedBy, QDate printedOn, Prompter& prompter,
                    QWidget* parent = nullptr);
    ~StatementDialog() override;

    // Called before anything is printed or written, so it is in the audit log first ("print", "pdf", "csv"; the file).
    // Returns a problem (then nothing is written) or an empty string.
    using Recorder = std::function<QString(const QString& format, const QString& destination)>;
    void setRecorder(Recorder recorder) { m_recorder = std::move(recorder); }
    // The firm's name at the top of every printed page (VaultSession::firmName).
    void setFirmName(QString name) { m_firmName = std::move(name); }

    const core::therapy::CaseStatement& statement() const { return m_statement; }
    QTextBrowser* browser() const { return m_browser; }
    void printPreview();
    bool exportPdf();  // false when cancelled or not written
    bool exportCsv();

private:
    QString chooseFile(const QString& title, const QString& suffix, const QString& filter);
    bool record(const QString& format, const QString& destination);

    core::therapy::CaseStatement m_statement;
    QString m_printedBy;
    QDate m_printedOn;
    QString m_firmName;
    Prompter& m_prompter;
    QTextBrowser* m_browser;
    std::unique_ptr<QPrinter> m_printer;
    Recorder m_recorder;
};

}  // namespace claimdesk::ui
