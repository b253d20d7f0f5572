#include "RecordingPrompter.h"

namespace claimdesk::test {

void RecordingPrompter::inform(QWidget*, const QString& title, const QString& text)
{
    calls.append({Kind::Inform, title, text});
}

void RecordingPrompter::showError(QWidget*, const QString& title, const QString& text)
{
    calls.append({Kind::Error, title, text});
}

bool RecordingPrompter::confirm(QWidget*, const QString& title, const QString& text, const QString&)
{
    calls.append({Kind::Confirm, title, text});
    return confirmAnswers.isEmpty() ? true : confirmAnswers.takeFirst();
}

std::optional<int> RecordingPrompter::chooseItem(QWidget*, const QString& title, const QString& label,
                                                 const QStringList& items, int)
{
    calls.append({Kind::Choose, title, label});
    lastChoiceItems = items;
    return choiceAnswers.isEmpty() ? std::nullopt : choiceAnswers.takeFirst();
}

QString RecordingPrompter::chooseFileToOpen(QWidget*, const QString& title, const QString& directory, const QString&)
{
    calls.append({Kind::OpenFile, title, directory});
    return openAnswers.isEmpty() ? QString() : openAnswers.takeFirst();
}

QString RecordingPrompter::chooseFileToSave(QWidget*, const QString& title, const QString& suggestedPath,
                                            const QString&, const QString&)
{
    calls.append({Kind::SaveFile, title, suggestedPath});
    return saveAnswers.isEmpty() ? QString() : saveAnswers.takeFirst();
}

void RecordingPrompter::about(QWidget*, const QString& title, const QString& text)
{
    calls.append({Kind::About, title, text});
}

std::optional<QString> RecordingPrompter::askText(QWidget*, const QString& title, const QString& label, const QString&)
{
    calls.append({Kind::AskText, title, label});
    return textAnswers.isEmpty() ? std::nullopt : textAnswers.takeFirst();
}

int RecordingPrompter::count(Kind kind) const
{
    return static_cast<int>(
        std::count_if(calls.begin(), calls.end(), [kind](const Call& c) { return c.kind == kind; }));
}

const RecordingPrompter::Call* RecordingPrompter::last(Kind kind) const
{
    for (auto it = calls.rbegin(); it != calls.rend(); ++it) {
        if (it->kind == kind) {
            return &*it;
        }
    }
    return nullptr;
}

void RecordingPrompter::reset()
{
    calls.clear();
    confirmAnswers.clear();
    choiceAnswers.clear();
    openAnswers.clear();
    saveAnswers.clear();
    textAnswers.clear();
    lastChoiceItems.clear();
}

}  // namespace claimdesk::test
