#pragma once

#include "reports/RedactionProfile.h"
#include "reports/ReportDocument.h"

#include <QDialog>
#include <QSet>

#include <memory>

class QLabel;
class QLineEdit;
class QPrintPreviewWidget;
class QPrinter;
class QPushButton;
class QRadioButton;
class QStackedWidget;
class QTimer;

namespace claimdesk::ui {

class Prompter;
class VaultSession;

// "Print case summary…": who the copy is for (the five redaction profiles, each with what it is for), the pages
// as they will print, and Print… / Save as PDF…. The copy for counsel is chosen first: the Internal copy, which
// holds the account and sensitive notes, is printed only when someone picks it.
//
// A client copy for a client whose safe-contact rules forbid post shows why it is refused instead of pages; a
// supervisor may type a reason to override (recorded with the output). Every copy shown is recorded in the audit
// log as a preview, and every print and PDF before it is produced.
class SummaryDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SummaryDialog)
public:
    SummaryDialog(VaultSession& session, Prompter& prompter, qint64 caseId, QString reference, bool postIsSafe,
                  QWidget* parent = nullptr);
    ~SummaryDialog() override;

    core::reports::Profile profile() const { return m_profile; }
    void selectProfile(core::reports::Profile profile);
    // The document on screen, or nullptr while a refusal or a problem is shown.
    const core::reports::Document* document() const { return m_document.get(); }
    QLabel* problemLabel() const { return m_problem; }
    QLineEdit* overrideReasonEdit() const { return m_overrideReason; }
    QPushButton* printButton() const { return m_print; }
    QPushButton* pdfButton() const { return m_pdf; }
    QPrintPreviewWidget* preview() const { return m_preview; }
    bool savePdf();  // false when cancelled, refused or not written
    void print();
    void rebuild();  // after a profile or the override reason changed (tests call it instead of waiting)

private:
    void showProblem(const QString& text);
    QString record(const QString& format, const QString& destination);

    VaultSession& m_session;
    Prompter& m_prompter;
    qint64 m_caseId;
    QString m_reference;
    bool m_postIsSafe;
    bool m_supervisor;
    core::reports::Profile m_profile = core::reports::Profile::Counsel;
    std::shared_ptr<core::reports::Document> m_document;
    QSet<QString> m_previewsRecorded;  // profile + override reason: each copy shown is recorded once
    std::vector<QRadioButton*> m_choices;
    QWidget* m_overrideBox;
    QLineEdit* m_overrideReason;
    QTimer* m_overrideTimer;
    QStackedWidget* m_stack;
    QPrintPreviewWidget* m_preview;
    QLabel* m_problem;
    QLabel* m_pages;
    QPushButton* m_print;
    QPushButton* m_pdf;
};

}  // namespace claimdesk::ui
