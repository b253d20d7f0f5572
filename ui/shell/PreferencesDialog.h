#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class PreferencesDialog;
}

namespace claimdesk::ui {

// Per-computer preferences (QSettings): for now, how long ClaimDesk waits before locking itself.
class PreferencesDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreferencesDialog)
public:
    explicit PreferencesDialog(QWidget* parent = nullptr);
    ~PreferencesDialog() override;

    void accept() override;  // saves

private:
    std::unique_ptr<Ui::PreferencesDialog> m_ui;
};

}  // namespace claimdesk::ui
