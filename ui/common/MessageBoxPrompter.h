#pragma once

#include "ui/common/Prompter.h"

namespace claimdesk::ui {

// The application's Prompter: QMessageBox, QInputDialog and QFileDialog objects (never the static
// helpers), so a lock can close each of them like any other dialog.
class MessageBoxPrompter final : public Prompter {
public:
    MessageBoxPrompter() = default;

    void inform(QWidget* parent, const QString& title, const QString& text) override;
    void showError(QWidget* parent, const QString& title, const QString& text) override;
    bool confirm(QWidget* parent, const QString& title, const QString& text, const QString& confirmLabel) override;
    std::optional<int> chooseItem(QWidget* parent, const QString& title, const QString& label, const QStringList& items,
                                  int current) override;
    QString chooseFileToOpen(QWidget* parent, const QString& title, const QString& directory,
                             const QString& filter) override;
    QString chooseFileToSave(QWidget* parent, const QString& title, const QString& suggestedPath, const QString& filter,
                             const QString& defaultSuffix) override;
    void about(QWidget* parent, const QString& title, const QString& text) override;
    std::optional<QString> askText(QWidget* parent, const QString& title, const QString& label,
                                   const QString& okLabel) override;
};

}  // namespace claimdesk::ui
