#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class SafeguardingActionDialog;
}

namespace claimdesk::ui {

class VaultSession;

// A supervisor records what was done about a safeguarding risk (CaseService::recordSafeguardingAction).
// A refusal (too short, not a supervisor) is shown in the dialog and the text stays; it closes only once
// the action is recorded.
class SafeguardingActionDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SafeguardingActionDialog)
public:
    SafeguardingActionDialog(VaultSession& session, qint64 caseId, const QString& reference,
                             const QStringList& reasons, QWidget* parent = nullptr);
    ~SafeguardingActionDialog() override;

    void accept() override;  // records; closes only when that succeeds

private:
    std::unique_ptr<Ui::SafeguardingActionDialog> m_ui;
    VaultSession& m_session;
    qint64 m_caseId;
};

}  // namespace claimdesk::ui
