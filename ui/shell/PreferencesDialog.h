#pragma once

#include <QDialog>

#include <memory>
#include <optional>

namespace Ui {
class PreferencesDialog;
}

namespace claimdesk::ui {

// Per-computer preferences (QSettings): for now, how long ClaimDesk waits before locking itself. When the firm has
// set a maximum (an admin, in the vault), the spin box goes no higher and the dialog says so.
class PreferencesDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreferencesDialog)
public:
    explicit PreferencesDialog(std::optional<int> firmMaximumMinutes = std::nullopt, QWidget* parent = nullptr);
    ~PreferencesDialog() override;

    void accept() override;  // saves

private:
    std::unique_ptr<Ui::PreferencesDialog> m_ui;
};

}  // namespace claimdesk::ui
