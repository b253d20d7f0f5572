#include "ui/reports/SummaryDialog.h"

#include "ui/cases/CaseAccess.h"
#include "ui/common/Prompter.h"
#include "ui/common/Typography.h"
#include "ui/reports/DocumentOutput.h"
#include "ui/session/VaultSession.h"

#include "reports/CaseDocuments.h"
#include "reports/OutputAudit.h"
#include "render/DocumentPainter.h"
#include "users/User.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QDir>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPrintPreviewWidget>
#include <QPrinter>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace claimdesk::ui {

using core::reports::Profile;

SummaryDialog::SummaryDialog(VaultSession& session, Prompter& prompter, qint64 caseId, QString reference,
                             bool postIsSafe, QWidget* parent)
    : QDialog(parent),
      m_session(session),
      m_prompter(prompter),
      m_caseId(caseId),
      m_reference(std::move(reference)),
      m_postIsSafe(postIsSafe),
      m_supervisor(session.currentUser().role == core::Role::Supervisor)
{
    setObjectName(QStringLiteral("SummaryDialog"));
    setWindowTitle(tr("Print case summary — %1").arg(m_reference));
    setSizeGripEnabled(true);

    // Left: who the copy is for.
    auto* heading = new QLabel(tr("Who is this copy for?"), this);
    makeSubheading(heading);
    auto* group = new QButtonGroup(this);
    auto* choices = new QVBoxLayout;
    choices->setSpacing(2);
    for (Profile p : core::reports::allProfiles()) {
        const auto& spec = core::reports::profileSpec(p);
        auto* radio = new QRadioButton(spec.name, this);
        radio->setObjectName(QStringLiteral("profile_") + spec.id);
        group->addButton(radio, static_cast<int>(p));
        auto* audience = new QLabel(spec.audience, this);
        audience->setWordWrap(true);
        audience->setIndent(24);
        makeSecondary(audience);
        choices->addWidget(radio);
        choices->addWidget(audience);
        choices->addSpacing(6);
        m_choices.push_back(radio);
    }
    m_choices.at(static_cast<std::size_t>(m_profile))->setChecked(true);
    connect(group, &QButtonGroup::idClicked, this, [this](int id) { selectProfile(static_cast<Profile>(id)); });

    // The override of the safe-contact rules for a client copy (supervisors).
    m_overrideBox = new QGroupBox(tr("Override the safe-contact rules"), this);
    m_overrideBox->setObjectName(QStringLiteral("overrideBox"));
    auto* overrideHint = new QLabel(m_supervisor
                                        ? tr("This client must not be sent post. To print a client copy anyway, say "
                                             "why (for example, the client collects it in person). The reason is "
                                             "recorded with the print.")
                                        : tr("This client must not be sent post. Only a supervisor can override "
                                             "this."),
                                    m_overrideBox);
    overrideHint->setWordWrap(true);
    makeSecondary(overrideHint);
    m_overrideReason = new QLineEdit(m_overrideBox);
    m_overrideReason->setObjectName(QStringLiteral("overrideReasonEdit"));
    m_overrideReason->setPlaceholderText(tr("Reason for the override"));
    m_overrideReason->setEnabled(m_supervisor);
    auto* overrideLayout = new QVBoxLayout(m_overrideBox);
    overrideLayout->addWidget(overrideHint);
    overrideLayout->addWidget(m_overrideReason);
    m_overrideTimer = new QTimer(this);
    m_overrideTimer->setSingleShot(true);
    m_overrideTimer->setInterval(700);
    connect(m_overrideReason, &QLineEdit::textEdited, m_overrideTimer, qOverload<>(&QTimer::start));
    connect(m_overrideTimer, &QTimer::timeout, this, &SummaryDialog::rebuild);

    auto* left = new QVBoxLayout;
    left->addWidget(heading);
    left->addLayout(choices);
    left->addWidget(m_overrideBox);
    left->addStretch(1);
    auto* leftWidget = new QWidget(this);
    leftWidget->setLayout(left);
    leftWidget->setFixedWidth(330);

    // Right: the pages, or why there are none.
    m_preview = new QPrintPreviewWidget(this);
    m_preview->setObjectName(QStringLiteral("summaryPreview"));
    m_preview->setZoomMode(QPrintPreviewWidget::FitToWidth);
    connect(m_preview, &QPrintPreviewWidget::paintRequested, this, [this](QPrinter* printer) {
        if (m_document) {
            auto pages = render::paint(*m_document, *printer, /*keepPageSetup=*/false);
            m_pages->setText(pages ? (*pages == 1 ? tr("1 page") : tr("%1 pages").arg(*pages))
                                   : pages.error().message);
        }
    });
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("summaryProblemLabel"));
    m_problem->setWordWrap(true);
    m_problem->setAlignment(Qt::AlignCenter);
    m_problem->setMargin(40);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_preview);
    m_stack->addWidget(m_problem);

    m_pages = new QLabel(this);
    m_pages->setObjectName(QStringLiteral("summaryPagesLabel"));
    makeSecondary(m_pages);
    m_print = new QPushButton(tr("&Print…"), this);
    m_print->setObjectName(QStringLiteral("printSummaryButton"));
    m_pdf = new QPushButton(tr("Save as P&DF…"), this);
    m_pdf->setObjectName(QStringLiteral("saveSummaryPdfButton"));
    connect(m_print, &QPushButton::clicked, this, &SummaryDialog::print);
    connect(m_pdf, &QPushButton::clicked, this, &SummaryDialog::savePdf);
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_pages);
    buttons->addStretch(1);
    buttons->addWidget(m_print);
    buttons->addWidget(m_pdf);
    buttons->addWidget(close);

    auto* body = new QHBoxLayout;
    body->addWidget(leftWidget);
    body->addWidget(m_stack, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(body, 1);
    layout->addLayout(buttons);
    resize(1100, 820);
    rebuild();
}

SummaryDialog::~SummaryDialog() = default;

void SummaryDialog::selectProfile(Profile profile)
{
    m_profile = profile;
    m_choices.at(static_cast<std::size_t>(profile))->setChecked(true);
    rebuild();
}

void SummaryDialog::showProblem(const QString& text)
{
    m_document.reset();
    m_problem->setText(text);
    m_stack->setCurrentWidget(m_problem);
    m_pages->clear();
    m_print->setEnabled(false);
    m_pdf->setEnabled(false);
}

void SummaryDialog::rebuild()
{
    const bool refusedByRules = m_profile == Profile::Client && !m_postIsSafe;
    m_overrideBox->setVisible(refusedByRules);
    const QString reason = refusedByRules ? m_overrideReason->text().trimmed() : QString();
    if (refusedByRules && reason.isEmpty()) {
        // Said here without asking core, so that looking at the choice is not recorded as a refused attempt.
        showProblem(tr("A client copy cannot be printed for this client: their safe-contact rules say nothing may be "
                       "posted to them.\n\nGive the client the summary another safe way (in a meeting), or ask a "
                       "supervisor to override with a reason."));
        return;
    }
    core::reports::CaseDocuments* documents = availableCases(m_session) ? m_session.documents() : nullptr;
    if (documents == nullptr) {
        showProblem(tr("ClaimDesk is busy (the case list is loading). Try again in a moment."));
        return;
    }
    core::reports::SummaryRequest request;
    request.caseId = m_caseId;
    request.profile = m_profile;
    request.overrideReason = reason;
    request.asOf = m_session.today();
    auto built = documents->summary(request);
    if (!built) {
        showProblem(built.error().message);
        return;
    }
    auto document = std::make_shared<core::reports::Document>(std::move(*built));
    const QString key = core::reports::profileSpec(m_profile).id + QLatin1Char('\n') + reason;
    if (!m_previewsRecorded.contains(key)) {
        auto logged = m_session.recordOutput(documents->summaryRecord(request, *document, QStringLiteral("preview"), {}));
        if (!logged) {
            showProblem(logged.error().message);
            return;
        }
        m_previewsRecorded.insert(key);
    }
    m_document = std::move(document);
    m_stack->setCurrentWidget(m_preview);
    m_print->setEnabled(true);
    m_pdf->setEnabled(true);
    m_preview->updatePreview();
}

QString SummaryDialog::record(const QString& format, const QString& destination)
{
    core::reports::CaseDocuments* documents = availableCases(m_session) ? m_session.documents() : nullptr;
    if (documents == nullptr || !m_document) {
        return tr("ClaimDesk is busy or the vault is locked. Nothing was printed or saved.");
    }
    core::reports::SummaryRequest request;
    request.caseId = m_caseId;
    request.profile = m_profile;
    request.overrideReason = m_overrideBox->isVisible() ? m_overrideReason->text().trimmed() : QString();
    auto logged = m_session.recordOutput(documents->summaryRecord(request, *m_document, format, destination));
    return logged ? QString() : logged.error().message;
}

bool SummaryDialog::savePdf()
{
    if (!m_document) {
        return false;
    }
    const QString name = documentFileName(m_reference, tr("Case summary (%1)").arg(core::reports::profileSpec(m_profile).id),
                                          m_session.today());
    const QString path = ui::savePdf(this, m_prompter, *m_document, name,
                                     [this](const QString& format, const QString& destination) {
                                         return record(format, destination);
                                     });
    if (path.isEmpty()) {
        return false;
    }
    m_prompter.inform(this, tr("Summary saved"),
                      tr("The %1 copy of the summary of %2 was saved to %3.")
                          .arg(core::reports::profileSpec(m_profile).name, m_reference, QDir::toNativeSeparators(path)));
    return true;
}

void SummaryDialog::print()
{
    if (!m_document) {
        return;
    }
    printWithDialog(this, m_prompter, m_document,
                    [this](const QString& format, const QString& destination) { return record(format, destination); });
}

}  // namespace claimdesk::ui
