#pragma once

#include <QDialog>

#include <memory>
#include <utility>
#include <vector>

class QCheckBox;

namespace Ui {
class SafeguardingActionDialog;
}

namespace claimdesk::core {
struct SafeguardingAction;
}

namespace claimdesk::ui {

class DateInput;
class VaultSession;

// A supervisor records what was done about a safeguarding risk (CaseService::recordSafeguardingAction): what
// was done, the safeguarding lead consulted (who, when), any referral (police, children's social care, adult
// safeguarding, LADO) with the client's consent or the reason for going without it, the privilege check, the
// outcome and a review date. A refusal (too short, a referral without a consent answer, not a supervisor) is
// shown in the dialog and everything typed stays; it closes only once the action is recorded, and then
// newVersion() is the case's version after it.
class SafeguardingActionDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SafeguardingActionDialog)
public:
    SafeguardingActionDialog(VaultSession& session, qint64 caseId, const QString& reference,
                             const QStringList& reasons, QWidget* parent = nullptr);
    ~SafeguardingActionDialog() override;

    core::SafeguardingAction action() const;  // what the form holds
    int newVersion() const { return m_newVersion; }  // 0 until recorded

    void accept() override;  // records; closes only when that succeeds

private:
    void updateConsent();

    std::unique_ptr<Ui::SafeguardingActionDialog> m_ui;
    VaultSession& m_session;
    qint64 m_caseId;
    int m_newVersion = 0;
    DateInput* m_leadOn;
    DateInput* m_reviewOn;
    std::vector<std::pair<int, QCheckBox*>> m_referrals;  // core::Referral, its checkbox
};

}  // namespace claimdesk::ui
