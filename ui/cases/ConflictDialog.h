#pragma once

#include "cases/CaseService.h"

#include <QDialog>

#include <memory>

class QPushButton;

namespace Ui {
class ConflictDialog;
}

namespace claimdesk::ui {

// Shown when a save loses a race (ConflictingEdit): who saved and when, the fields that differ side by side
// with who changed each since the case was opened, and the choice. It only asks; the case file acts on the
// answer (finished(int) with a Choice): "Keep mine" saves my changes plus theirs where I changed nothing
// (keepMine in CaseDiff.h), "Use theirs" reloads theirs. What was typed stays in the case file until the
// person picks "Use theirs". Closing it (or a lock) is "Cancel".
class ConflictDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConflictDialog)
public:
    enum Choice { Cancel = QDialog::Rejected, KeepMine = 1, UseTheirs = 2 };

    ConflictDialog(const core::CaseRecord& base, const core::CaseRecord& mine, const core::EditConflict& conflict,
                   bool privacyMode, QWidget* parent = nullptr);
    ~ConflictDialog() override;

    int differenceCount() const;
    QPushButton* keepMineButton() const { return m_keepMine; }
    QPushButton* useTheirsButton() const { return m_useTheirs; }
    QPushButton* cancelButton() const { return m_cancel; }

private:
    std::unique_ptr<Ui::ConflictDialog> m_ui;
    QPushButton* m_keepMine;
    QPushButton* m_useTheirs;
    QPushButton* m_cancel;
    int m_differences = 0;
};

}  // namespace claimdesk::ui
