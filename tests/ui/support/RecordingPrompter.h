#pragma once

#include "ui/common/Prompter.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace claimdesk::test {

// A Prompter for tests: never blocks, records every call, and answers from queues set up by the test.
class RecordingPrompter final : public ui::Prompter {
public:
    enum class Kind { Inform, Error, Confirm, Choose, OpenFile, SaveFile, About, AskText };
    struct Call {
        Kind kind;
        QString title;
        QString text;
    };

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

    int count(Kind kind) const;
    const Call* last(Kind kind) const;  // nullptr when there was none
    void reset();

    QList<Call> calls;
    // Answers, first in first out; when a queue is empty: confirm says yes, the others cancel.
    QList<bool> confirmAnswers;
    QList<std::optional<int>> choiceAnswers;
    QStringList openAnswers;
    QStringList saveAnswers;
    QList<std::optional<QString>> textAnswers;
    QStringList lastChoiceItems;
};

}  // namespace claimdesk::test
