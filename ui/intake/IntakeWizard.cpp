#include "ui/intake/IntakeWizard.h"

#include "ui/common/ErrorText.h"
#include "ui/common/Prompter.h"
#include "ui/common/Typography.h"
#include "ui/intake/ClientPage.h"
#include "ui/intake/ConflictHints.h"
#include "ui/intake/ConsentPage.h"
#include "ui/intake/IncidentForm.h"
#include "ui/intake/IncidentsPage.h"
#include "ui/intake/PolicePage.h"
#include "ui/intake/ReviewPage.h"
#include "ui/intake/SafeguardingPage.h"
#include "ui/intake/SafetyPage.h"

#include "cases/CaseService.h"
#include "conflicts/ConflictService.h"

#include <QAbstractButton>
#include <QApplication>
#include <QLabel>
#include <QPointer>
#include <QTime>
#include <QTimer>
#include <QVBoxLayout>

#include <array>
#include <utility>

namespace claimdesk::ui {

namespace {
constexpr int kDraftFormat = 1;
constexpr int kPageCount = 7;

// The steps down the side: where you are, and that the draft is safe.
class StepsPanel final : public QWidget {
public:
    explicit StepsPanel(QWidget* parent) : QWidget(parent), m_status(new QLabel(this))
    {
        setObjectName(QStringLiteral("intakeStepsPanel"));
        auto* layout = new QVBoxLayout(this);
        layout->setContentsMargins(4, 4, 16, 4);
        layout->setSpacing(10);
        const std::array<QString, kPageCount> names{IntakeWizard::tr("Safety first"), IntakeWizard::tr("The client"),
                                                    IntakeWizard::tr("What happened"), IntakeWizard::tr("Police and CICA"),
                                                    IntakeWizard::tr("Safeguarding"), IntakeWizard::tr("Consent"),
                                                    IntakeWizard::tr("Review and create")};
        for (std::size_t i = 0; i < names.size(); ++i) {
            auto* step = new QLabel(IntakeWizard::tr("%1.  %2").arg(i + 1).arg(names[i]), this);
            step->setObjectName(QStringLiteral("step%1Label").arg(i + 1));
            layout->addWidget(step);
            m_steps[i] = step;
        }
        layout->addStretch(1);
        m_status->setObjectName(QStringLiteral("draftStatusLabel"));
        m_status->setWordWrap(true);
        m_status->setTextFormat(Qt::PlainText);
        layout->addWidget(m_status);
        setFixedWidth(190);
        m_normal = m_steps[0]->palette();
    }

    void setCurrent(int current)
    {
        for (int i = 0; i < kPageCount; ++i) {
            QLabel* step = m_steps[static_cast<std::size_t>(i)];
            QFont font = step->font();
            font.setWeight(i == current ? QFont::DemiBold : QFont::Normal);
            step->setFont(font);
            step->setPalette(m_normal);
            if (i > current) {
                makeSecondary(step);
            }
        }
    }

    void setStatus(const QString& text, bool problem)
    {
        m_status->setPalette(m_normal);
        m_status->setText(text);
        if (problem) {
            makeProblem(m_status);
        } else {
            makeSecondary(m_status);
        }
    }

private:
    std::array<QLabel*, kPageCount> m_steps{};
    QLabel* m_status;
    QPalette m_normal;
};
}  // namespace

struct IntakeWizard::Private {
    Private(IntakeWizard* wizard, core::CaseService& c, core::ConflictService& f, Prompter& p, qint64 draft)
        : q(wizard), cases(c), conflicts(f), prompter(p), draftId(draft)
    {
    }

    IntakeResult collect() const;
    std::vector<NameCheck> checkNames() const;
    bool create();
    QJsonObject draftData() const;
    bool restore(qint64 id);
    void markEdited();
    void shutDown();

    IntakeWizard* q;
    core::CaseService& cases;
    core::ConflictService& conflicts;
    Prompter& prompter;
    qint64 draftId = 0;
    qint64 caseId = 0;
    std::vector<IntakePage*> pages;  // in PageId order
    SafetyPage* safety = nullptr;
    ReviewPage* review = nullptr;
    StepsPanel* steps = nullptr;
    QTimer* autoSave = nullptr;
    bool restoring = false;
    bool edited = false;    // anything typed since the wizard opened (or a draft was resumed)
    bool dirty = false;     // typed since the last save
    int savedPage = -1;     // the page the last save recorded
    bool closed = false;    // done(): the services are not touched again
    bool userClosing = false;
    bool discarded = false;
};

IntakeResult IntakeWizard::Private::collect() const
{
    IntakeResult result;
    for (IntakePage* page : pages) {
        page->apply(result);
    }
    return result;
}

std::vector<NameCheck> IntakeWizard::Private::checkNames() const
{
    std::vector<NameCheck> checks;
    if (closed) {
        return checks;
    }
    const IntakeResult result = collect();
    const core::Client& client = result.newCase.client;
    QList<std::pair<QString, QDate>> names;
    if (!client.fullName.isEmpty()) {
        names.append({client.fullName, client.dateOfBirth});
    }
    for (const QString& former : client.formerNames) {
        names.append({former, client.dateOfBirth});
    }
    for (const core::CaseParty& party : result.newCase.parties) {
        names.append({party.party.name, QDate()});
    }
    for (const auto& [name, dob] : std::as_const(names)) {
        if (auto found = conflicts.check(name, dob)) {
            checks.push_back({name, dob, std::move(*found)});
        }
    }
    return checks;
}

bool IntakeWizard::Private::create()
{
    if (closed) {
        return false;
    }
    if (caseId != 0) {
        return true;
    }
    QPointer<IntakeWizard> alive(q);
    // Every page must be acceptable: a resumed draft can reach the review without passing through each one.
    for (IntakePage* page : pages) {
        if (!page->isComplete()) {
            prompter.showError(q, tr("Not ready to create the case"),
                               tr("Please look at “%1” first: something there still needs attention. Everything typed "
                                  "is kept.")
                                   .arg(page->title()));
            return false;
        }
    }
    IntakeResult result = collect();
    // Saved first, so the draft matches the screen whatever happens next; core deletes it with the create.
    if (q->saveDraftNow(true)) {
        result.newCase.fromDraftId = draftId;
    }
    // Checked before creating, so the new case does not match itself; recorded by core with the case, in the
    // same transaction (if the case is not created, no record of its checks remains).
    result.newCase.conflictChecks = checkNames();
    auto created = cases.create(result.newCase);
    if (!created) {
        prompter.reportError(q, tr("The case was not created. Everything typed is kept."), created.error());
        return false;
    }
    caseId = created->id;
    draftId = 0;
    dirty = false;
    autoSave->stop();
    QStringList problems;
    for (const QString& note : std::as_const(result.notes)) {
        if (auto added = cases.addNote(caseId, note, false); !added) {
            problems << tr("a note was not added (%1)").arg(describe(added.error()));
        }
    }
    for (const QString& note : std::as_const(result.sensitiveNotes)) {
        if (auto added = cases.addNote(caseId, note, true); !added) {
            problems << tr("a sensitive note was not added (%1)").arg(describe(added.error()));
        }
    }
    const QString reference = created->reference;
    emit q->caseCreated(caseId);
    if (!problems.isEmpty() && alive && !closed) {
        prompter.inform(q, tr("Case %1 was created").arg(reference),
                        tr("The case was created, but %1. Please add this on the case file.").arg(problems.join(QStringLiteral("; "))));
    }
    return alive && !closed;
}

QJsonObject IntakeWizard::Private::draftData() const
{
    QJsonObject data{{QStringLiteral("format"), kDraftFormat}, {QStringLiteral("page"), q->currentId()}};
    for (IntakePage* page : pages) {
        data.insert(page->draftKey(), page->saveDraft());
    }
    return data;
}

bool IntakeWizard::Private::restore(qint64 id)
{
    auto drafts = cases.drafts();
    if (!drafts) {
        prompter.reportError(q, tr("The draft could not be opened"), drafts.error());
        return false;
    }
    const auto found = std::find_if(drafts->cbegin(), drafts->cend(), [id](const core::IntakeDraft& d) { return d.id == id; });
    if (found == drafts->cend()) {
        prompter.showError(q, tr("The draft could not be found"),
                           tr("It may already have become a case, or been discarded. A new intake is open instead."));
        return false;
    }
    const QJsonObject& data = found->data;
    restoring = true;
    for (IntakePage* page : pages) {
        page->restoreDraft(data.value(page->draftKey()).toObject());
    }
    // Walk forward to the saved page, so Back still leads through the pages before it.
    const int target = std::clamp(data.value(QStringLiteral("page")).toInt(), 0, kPageCount - 1);
    q->restart();
    for (int guard = 0; guard < kPageCount && q->currentId() < target; ++guard) {
        q->next();
    }
    savedPage = q->currentId();
    restoring = false;
    return true;
}

void IntakeWizard::Private::markEdited()
{
    if (restoring || closed) {
        return;
    }
    edited = true;
    dirty = true;
    if (!autoSave->isActive()) {
        autoSave->start();
    }
}

void IntakeWizard::Private::shutDown()
{
    closed = true;
    autoSave->stop();
    for (ConflictHints* hints : q->findChildren<ConflictHints*>()) {
        hints->setService(nullptr);
    }
}

IntakeWizard::IntakeWizard(core::CaseService& cases, core::ConflictService& conflicts, Prompter& prompter,
                           QWidget* parent, qint64 draftId)
    : QWizard(parent), m_d(std::make_unique<Private>(this, cases, conflicts, prompter, draftId))
{
    setObjectName(QStringLiteral("intakeWizard"));
    // No client name in the title: window titles show in task switchers and screen shares.
    setWindowTitle(tr("New intake"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage, true);
    setOption(QWizard::HaveCustomButton1, true);
    setOption(QWizard::NoDefaultButton, true);
    setButtonText(QWizard::CancelButton, tr("Save and close"));
    setButtonText(QWizard::FinishButton, tr("Create case"));
    setButtonText(QWizard::CustomButton1, tr("Discard…"));
    button(QWizard::CancelButton)->setObjectName(QStringLiteral("saveAndCloseWizardButton"));
    button(QWizard::FinishButton)->setObjectName(QStringLiteral("createCaseButton"));
    button(QWizard::CustomButton1)->setObjectName(QStringLiteral("discardButton"));
    button(QWizard::CustomButton1)->setToolTip(tr("Delete this intake and its draft"));
    setButtonLayout({QWizard::CustomButton1, QWizard::Stretch, QWizard::CancelButton, QWizard::BackButton,
                     QWizard::NextButton, QWizard::FinishButton});

    m_d->steps = new StepsPanel(this);
    setSideWidget(m_d->steps);
    m_d->autoSave = new QTimer(this);
    m_d->autoSave->setSingleShot(true);
    m_d->autoSave->setInterval(kDefaultAutoSaveInterval);

    m_d->safety = new SafetyPage;
    m_d->review = new ReviewPage(ReviewPage::Hooks{[this] { return m_d->collect(); },
                                                   [this] { return m_d->checkNames(); },
                                                   [this] { return m_d->create(); }});
    m_d->pages = {m_d->safety,         new ClientPage(&conflicts), new IncidentsPage(&conflicts), new PolicePage,
                  new SafeguardingPage, new ConsentPage,            m_d->review};
    for (int id = 0; id < kPageCount; ++id) {
        IntakePage* page = m_d->pages[static_cast<std::size_t>(id)];
        setPage(id, page);
        connect(page, &IntakePage::edited, this, [this] { m_d->markEdited(); });
    }

    connect(m_d->autoSave, &QTimer::timeout, this, [this] {
        if (m_d->dirty) {
            saveDraftNow(true);
        }
    });
    connect(this, &QWizard::currentIdChanged, this, [this](int id) {
        m_d->steps->setCurrent(id);
        if (!m_d->restoring && !m_d->closed && id >= 0 && (m_d->edited || m_d->draftId != 0)) {
            saveDraftNow(true);
        }
    });
    connect(m_d->safety, &SafetyPage::saveAndCloseRequested, this, [this] {
        QPointer<IntakeWizard> alive(this);
        if (!saveDraftNow(false) || !alive || m_d->closed) {
            return;
        }
        m_d->prompter.inform(this, tr("Saved"),
                             tr("Everything typed is saved as a draft. When it is safe to talk, resume it from "
                                "Cases › Resume an intake draft."));
        if (alive && !m_d->closed) {
            done(QDialog::Rejected);
        }
    });
    connect(this, &QWizard::customButtonClicked, this, [this](int which) {
        if (which != QWizard::CustomButton1) {
            return;
        }
        QPointer<IntakeWizard> alive(this);
        const bool sure = m_d->prompter.confirm(
            this, tr("Discard this intake?"),
            tr("Everything typed in this intake will be deleted and cannot be recovered. If the client may want to "
               "continue another time, choose Save and close instead."),
            tr("Discard intake"));
        if (!sure || !alive || m_d->closed) {
            return;
        }
        if (m_d->draftId != 0) {
            if (auto deleted = m_d->cases.deleteDraft(m_d->draftId); !deleted) {
                m_d->prompter.reportError(this, tr("The draft was not discarded"), deleted.error());
                return;
            }
            m_d->draftId = 0;
        }
        m_d->discarded = true;
        done(QDialog::Rejected);
    });

    resize(1000, 720);
    m_d->steps->setStatus(tr("Saved as a draft as you go."), false);
    if (draftId != 0 && m_d->restore(draftId)) {
        m_d->steps->setStatus(tr("Resumed from a draft."), false);
    } else {
        m_d->draftId = 0;
        restart();
    }
    m_d->steps->setCurrent(currentId());
}

IntakeWizard::~IntakeWizard() = default;

IntakeWizard* IntakeWizard::openFor(qint64 draftId)
{
    if (draftId == 0) {
        return nullptr;
    }
    for (QWidget* window : QApplication::topLevelWidgets()) {
        auto* wizard = qobject_cast<IntakeWizard*>(window);
        if (wizard != nullptr && !wizard->m_d->closed && wizard->m_d->caseId == 0 && wizard->m_d->draftId == draftId) {
            return wizard;
        }
    }
    return nullptr;
}

void IntakeWizard::setStaff(const std::vector<core::User>& users, const QString& signedInUsername)
{
    m_d->review->setStaff(users, signedInUsername);
}

void IntakeWizard::setAutoSaveInterval(std::chrono::milliseconds interval)
{
    m_d->autoSave->setInterval(interval);
}

qint64 IntakeWizard::draftId() const
{
    return m_d->draftId;
}

qint64 IntakeWizard::createdCaseId() const
{
    return m_d->caseId;
}

bool IntakeWizard::saveDraftNow(bool quiet)
{
    if (m_d->closed || m_d->caseId != 0) {
        return false;
    }
    m_d->autoSave->stop();
    auto saved = m_d->cases.saveDraft(m_d->draftId, m_d->draftData());
    if (!saved) {
        m_d->steps->setStatus(tr("The draft could not be saved: %1").arg(describe(saved.error())), true);
        if (!quiet) {
            m_d->prompter.reportError(this, tr("The draft was not saved. Everything typed is still here."), saved.error());
        }
        return false;
    }
    m_d->draftId = *saved;
    m_d->dirty = false;
    m_d->savedPage = currentId();
    m_d->steps->setStatus(tr("Draft saved at %1.").arg(QTime::currentTime().toString(QStringLiteral("HH:mm"))), false);
    emit draftSaved(m_d->draftId);
    return true;
}

void IntakeWizard::reject()
{
    m_d->userClosing = true;
    QWizard::reject();
    m_d->userClosing = false;
}

void IntakeWizard::done(int result)
{
    if (m_d->closed) {
        QWizard::done(result);
        return;
    }
    if (result == QDialog::Accepted) {
        // Only the review page's Create case accepts (its validatePage creates the case).
        if (currentId() != ReviewPageId) {
            return;
        }
        QWizard::done(result);
        if (m_d->caseId != 0) {
            m_d->shutDown();
        }
        return;
    }
    const bool needsSave = !m_d->discarded && m_d->caseId == 0
                           && (m_d->dirty || (m_d->draftId != 0 && currentId() != m_d->savedPage));
    if (needsSave && !saveDraftNow(!m_d->userClosing) && m_d->userClosing) {
        return;  // the person closed it and the save failed: stay open so nothing is lost (they were told why)
    }
    // A lock closes it regardless: a failed save is shown in the status line, and the lock must go ahead.
    m_d->shutDown();
    QWizard::done(result);
}

}  // namespace claimdesk::ui
