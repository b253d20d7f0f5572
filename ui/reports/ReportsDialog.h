#pragma once

#include "reports/FirmReports.h"
#include "reports/ReportDocument.h"

#include <QDialog>

#include <atomic>
#include <memory>

class QComboBox;
class QDateEdit;
class QLabel;
class QPrintPreviewWidget;
class QProgressBar;
class QPushButton;
class QStackedWidget;

namespace claimdesk::ui {

class Prompter;
class VaultSession;

// Reports › Reports…: the deadline diary (mine, one fee earner's or the team's, over a date range), the caseload by
// stage and fee earner, the limitation risk list and the therapy fund position. "Run report" builds it off the UI
// thread with a progress bar and Cancel (thousands of cases take seconds); the pages then show, with Print…, Save as
// PDF… and Save as CSV…. What is shown, printed and saved is recorded in the audit log first.
class ReportsDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReportsDialog)
public:
    ReportsDialog(VaultSession& session, Prompter& prompter, QWidget* parent = nullptr);
    ~ReportsDialog() override;

    void setKind(core::reports::ReportKind kind);
    void setRange(const QDate& from, const QDate& to);
    void run();
    void cancel();
    bool isRunning() const { return m_cancel != nullptr; }
    const core::reports::Document* document() const { return m_document.get(); }
    QPushButton* runButton() const { return m_run; }
    QProgressBar* progressBar() const { return m_progress; }
    QLabel* statusLabel() const { return m_status; }
    QString savePdf();
    QString saveCsv();
    void print();

signals:
    void finished(bool ok);  // a run ended (shown, failed or cancelled)

private:
    core::reports::ReportRequest request() const;
    void updateControls();
    void shown(const core::reports::Document& document);
    QString record(const QString& format, const QString& destination);
    QString fileName() const;

    VaultSession& m_session;
    Prompter& m_prompter;
    QComboBox* m_kind;
    QComboBox* m_scope;
    QDateEdit* m_from;
    QDateEdit* m_to;
    QLabel* m_rangeLabel;
    QPushButton* m_run;
    QPushButton* m_cancelButton;
    QProgressBar* m_progress;
    QLabel* m_status;
    QStackedWidget* m_stack;
    QPrintPreviewWidget* m_preview;
    QLabel* m_placeholder;
    QPushButton* m_print;
    QPushButton* m_pdf;
    QPushButton* m_csv;
    std::shared_ptr<std::atomic_bool> m_cancel;
    core::reports::ReportRequest m_shownRequest;
    std::shared_ptr<core::reports::Document> m_document;
};

}  // namespace claimdesk::ui
