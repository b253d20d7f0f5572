#include "ui/common/MessageBoxPrompter.h"

#include <QFileDialog>
#include <QInputDialog>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>

namespace claimdesk::ui {

namespace {

// Runs a heap-allocated dialog and disposes of it afterwards. The QPointer matters: a lock may close
// (and its parent's deletion may destroy) the dialog while exec() is still on the stack.
template <typename Dialog> int runAndDispose(QPointer<Dialog>& dialog)
{
    const int result = dialog->exec();
    if (dialog) {
        dialog->deleteLater();
    }
    return result;
}

int showBox(QWidget* parent, QMessageBox::Icon icon, const QString& title, const QString& text)
{
    QPointer<QMessageBox> box = new QMessageBox(icon, title, text, QMessageBox::Ok, parent);
    box->setTextFormat(Qt::PlainText);  // core messages may quote file names or usernames
    return runAndDispose(box);
}

}  // namespace

void MessageBoxPrompter::inform(QWidget* parent, const QString& title, const QString& text)
{
    showBox(parent, QMessageBox::Information, title, text);
}

void MessageBoxPrompter::showError(QWidget* parent, const QString& title, const QString& text)
{
    showBox(parent, QMessageBox::Warning, title, text);
}

bool MessageBoxPrompter::confirm(QWidget* parent, const QString& title, const QString& text,
                                 const QString& confirmLabel)
{
    QPointer<QMessageBox> box = new QMessageBox(QMessageBox::Question, title, text, QMessageBox::Cancel, parent);
    box->setTextFormat(Qt::PlainText);
    QPushButton* accept = box->addButton(confirmLabel, QMessageBox::AcceptRole);
    box->setDefaultButton(QMessageBox::Cancel);  // a destructive step is never the default
    box->exec();
    const bool confirmed = box && box->clickedButton() == accept;
    if (box) {
        box->deleteLater();
    }
    return confirmed;
}

std::optional<int> MessageBoxPrompter::chooseItem(QWidget* parent, const QString& title, const QString& label,
                                                  const QStringList& items, int current)
{
    QPointer<QInputDialog> dialog = new QInputDialog(parent);
    dialog->setWindowTitle(title);
    dialog->setLabelText(label);
    dialog->setComboBoxItems(items);
    dialog->setComboBoxEditable(false);
    if (current >= 0 && current < items.size()) {
        dialog->setTextValue(items.at(current));
    }
    const bool accepted = dialog->exec() == QDialog::Accepted && dialog;
    std::optional<int> chosen;
    if (accepted) {
        const auto index = items.indexOf(dialog->textValue());
        if (index >= 0) {
            chosen = static_cast<int>(index);
        }
    }
    if (dialog) {
        dialog->deleteLater();
    }
    return chosen;
}

QString MessageBoxPrompter::chooseFileToOpen(QWidget* parent, const QString& title, const QString& directory,
                                             const QString& filter)
{
    QPointer<QFileDialog> dialog = new QFileDialog(parent, title, directory, filter);
    dialog->setAcceptMode(QFileDialog::AcceptOpen);
    dialog->setFileMode(QFileDialog::ExistingFile);
    const bool accepted = dialog->exec() == QDialog::Accepted && dialog;
    const QString chosen
        = accepted && !dialog->selectedFiles().isEmpty() ? dialog->selectedFiles().constFirst() : QString();
    if (dialog) {
        dialog->deleteLater();
    }
    return chosen;
}

QString MessageBoxPrompter::chooseFileToSave(QWidget* parent, const QString& title, const QString& suggestedPath,
                                             const QString& filter, const QString& defaultSuffix)
{
    QPointer<QFileDialog> dialog = new QFileDialog(parent, title, suggestedPath, filter);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    dialog->setOption(QFileDialog::DontConfirmOverwrite);
    dialog->setDefaultSuffix(defaultSuffix);
    if (!suggestedPath.isEmpty()) {
        dialog->selectFile(suggestedPath);
    }
    const bool accepted = dialog->exec() == QDialog::Accepted && dialog;
    const QString chosen
        = accepted && !dialog->selectedFiles().isEmpty() ? dialog->selectedFiles().constFirst() : QString();
    if (dialog) {
        dialog->deleteLater();
    }
    return chosen;
}

void MessageBoxPrompter::about(QWidget* parent, const QString& title, const QString& text)
{
    QPointer<QMessageBox> box = new QMessageBox(QMessageBox::NoIcon, title, text, QMessageBox::Ok, parent);
    box->setTextFormat(Qt::RichText);  // our own text only: headings and a line break or two
    runAndDispose(box);
}

std::optional<QString> MessageBoxPrompter::askText(QWidget* parent, const QString& title, const QString& label,
                                                   const QString& okLabel)
{
    QPointer<QInputDialog> dialog = new QInputDialog(parent);
    dialog->setWindowTitle(title);
    dialog->setLabelText(label);
    dialog->setInputMode(QInputDialog::TextInput);
    dialog->setOkButtonText(okLabel);
    const bool accepted = dialog->exec() == QDialog::Accepted && dialog;
    std::optional<QString> typed;
    if (accepted) {
        typed = dialog->textValue();
    }
    if (dialog) {
        dialog->deleteLater();
    }
    return typed;
}

}  // namespace claimdesk::ui
