#pragma once

#include "cases/CaseTypes.h"

#include <QWidget>

class QFormLayout;
class QLabel;
class QLineEdit;

namespace claimdesk::ui {

// One editable part of the case file (Overview, Client, Incidents, Parties). The case file loads the
// record into every section, asks each for its problems before saving, and collects the edits with
// apply(). Sections never call core themselves.
class CaseSection : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaseSection)
public:
    explicit CaseSection(QWidget* parent = nullptr) : QWidget(parent) {}
    ~CaseSection() override = default;

    virtual void load(const core::CaseRecord& record) = 0;
    virtual void apply(core::CaseRecord& record) const = 0;
    // What must be fixed before the case can be saved (the red hints under the fields say the same).
    virtual QStringList problems() const = 0;
    virtual void setPrivacyMode(bool on) { (void)on; }

signals:
    void edited();
};

// Small builders shared by the sections' forms.
namespace form {
// A red "what to fix" line under a field, hidden while there is nothing to say.
QLabel* hint(QWidget* parent);
// The field with its hint under it, as one cell of a form.
QWidget* withHint(QWidget* field, QLabel* hint);
QLineEdit* line(QWidget* parent, const QString& objectName, int maxLength = 200);
// "a, b; c" -> {"a", "b", "c"} (commas or semicolons); one per line for multi-line fields.
QStringList splitList(const QString& text);
QStringList splitLines(const QString& text);
QString joinList(const QStringList& items);
QFormLayout* formLayout(QWidget* parent);
}  // namespace form

}  // namespace claimdesk::ui
