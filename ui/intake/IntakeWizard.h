#pragma once

#include "users/User.h"

#include <QWizard>

#include <chrono>
#include <memory>
#include <vector>

namespace claimdesk::core {
class CaseService;
class ConflictService;
}  // namespace claimdesk::core

namespace claimdesk::ui {

class Prompter;

// The paralegal's intake wizard: safety first → the client → what happened → police and CICA →
// safeguarding screen → consent → review and create. Trauma-informed: distressing questions can be left
// for later ("ask later" becomes a follow-up task), nothing is required that the client does not want to
// give now, and nothing typed is lost — the whole form is saved as a draft in the vault on every page
// change, every ~20 s while typing, and before the wizard closes (Cancel reads "Save and close"; a lock's
// done(Rejected) saves too). A failed create keeps everything on screen.
//
// Construct with draftId != 0 to resume a draft: every field comes back and the wizard opens on the page it
// stopped on. A draft is open in one wizard at a time: openFor() finds the wizard already holding it (one
// resumed from it, or a new intake that has saved to it), which is brought to the front instead of a second
// copy that would overwrite it. On success the case is created through CaseService::create, which records the
// conflict checks with the case and deletes the draft in the same transaction; caseCreated() is emitted, and
// the wizard accepts.
//
// The services must outlive the wizard's open life: close it (done(Rejected)) before the vault locks, as
// AppController does for every dialog. Once closed it never touches them again; delete it then.
class IntakeWizard final : public QWizard {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IntakeWizard)
public:
    enum PageId { SafetyPageId, ClientPageId, IncidentsPageId, PolicePageId, SafeguardingPageId, ConsentPageId, ReviewPageId };
    Q_ENUM(PageId)

    static constexpr std::chrono::milliseconds kDefaultAutoSaveInterval{20000};

    IntakeWizard(core::CaseService& cases, core::ConflictService& conflicts, Prompter& prompter,
                 QWidget* parent = nullptr, qint64 draftId = 0);
    ~IntakeWizard() override;

    // The open wizard that saves to `draftId`, if any (nullptr for 0, or once that wizard has closed).
    static IntakeWizard* openFor(qint64 draftId);

    // Optional: the people who can be fee earner or supervisor (VaultSession::users()) and who is signed in.
    // Without it the review page offers "me" (the signed-in user) as fee earner and no supervisor.
    void setStaff(const std::vector<core::User>& users, const QString& signedInUsername);
    // How long typing may go unsaved (tests shorten it).
    void setAutoSaveInterval(std::chrono::milliseconds interval);

    qint64 draftId() const;        // the draft this wizard saves to (0 until the first save, and after create)
    qint64 createdCaseId() const;  // 0 until the case is created
    // Saves the draft now. On failure says why (through the Prompter unless `quiet`) and returns false.
    bool saveDraftNow(bool quiet = false);

    void done(int result) override;  // saves the draft first, unless the case was created or discarded
    void reject() override;          // Save and close, Escape, the window's close button

signals:
    void caseCreated(qint64 caseId);
    void draftSaved(qint64 draftId);

private:
    struct Private;
    std::unique_ptr<Private> m_d;
};

}  // namespace claimdesk::ui
