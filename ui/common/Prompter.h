#pragma once

#include <QString>
#include <QStringList>

#include <optional>

class QWidget;

namespace claimdesk::core {
struct Error;
}

namespace claimdesk::ui {

// Every message box, question and file dialog goes through a Prompter, so widgets never block in tests
// (they get a recording fake) and the application gets MessageBoxPrompter.
class Prompter {
public:
    Prompter() = default;
    virtual ~Prompter() = default;
    Prompter(const Prompter&) = delete;
    Prompter& operator=(const Prompter&) = delete;
    Prompter(Prompter&&) = delete;
    Prompter& operator=(Prompter&&) = delete;

    virtual void inform(QWidget* parent, const QString& title, const QString& text) = 0;
    virtual void showError(QWidget* parent, const QString& title, const QString& text) = 0;
    // A core error, in words that say what to do.
    void reportError(QWidget* parent, const QString& title, const core::Error& error);
    // True when the person chose `confirmLabel`; false for cancel (or when the question was closed by a lock).
    virtual bool confirm(QWidget* parent, const QString& title, const QString& text, const QString& confirmLabel) = 0;
    // The index of the chosen item, or nothing when cancelled.
    virtual std::optional<int> chooseItem(QWidget* parent, const QString& title, const QString& label,
                                          const QStringList& items, int current)
        = 0;
    // An existing file, or an empty string when cancelled.
    virtual QString chooseFileToOpen(QWidget* parent, const QString& title, const QString& directory,
                                     const QString& filter)
        = 0;
    // A new file name (never asks to overwrite: the core refuses to overwrite and says so), or empty.
    virtual QString chooseFileToSave(QWidget* parent, const QString& title, const QString& suggestedPath,
                                     const QString& filter, const QString& defaultSuffix)
        = 0;
    virtual void about(QWidget* parent, const QString& title, const QString& text) = 0;
    // A line of text typed by the person (as typed, not trimmed), or nothing when cancelled.
    virtual std::optional<QString> askText(QWidget* parent, const QString& title, const QString& label,
                                           const QString& okLabel)
        = 0;
};

}  // namespace claimdesk::ui
