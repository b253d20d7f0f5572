#pragma once

#include "cases/CaseTypes.h"

#include <QWidget>

class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

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

// A section that edits a list of items (incidents, parties): a read-only table with one row per item, Add
// and Remove buttons, and a form for the selected item. The subclass keeps the items and fills the form; this
// class keeps the table, the selection, the buttons and the "nothing yet" line in step with them.
class TableSection : public CaseSection {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TableSection)
public:
    using CaseSection::CaseSection;

    QTableWidget* table() const { return m_table; }

protected:
    // Makes the table (objectName, column headers) and the Add/Remove buttons (text, objectName).
    void setUpTable(const QString& objectName, const QStringList& headers, const QString& addText,
                    const QString& addName, const QString& removeText, const QString& removeName);

    virtual int itemCount() const = 0;
    virtual QStringList cells(int row) const = 0;  // the texts of a table row
    virtual void decorateRow(int row) { (void)row; }  // after its texts are set (e.g. mark a problem)
    virtual void showItem() = 0;  // the form <- m_current (a blank form when there is none)
    virtual void storeForm() = 0;  // the form -> item m_current
    virtual void appendItem() = 0;
    virtual void eraseItem(int row) = 0;
    virtual QWidget* firstField() const = 0;  // focused when an item is added

    void reloadRows();  // one table row per item, the first selected (after load())
    void refreshRow(int row);
    void select(int row);
    void formEdited();  // connect the form's fields to this: stores the form, updates the row, emits edited()
    void addItem();
    void removeItem();
    bool hasCurrent() const { return m_current >= 0 && m_current < itemCount(); }

    QTableWidget* m_table = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_remove = nullptr;
    QWidget* m_form = nullptr;  // enabled while an item is selected
    QLabel* m_empty = nullptr;  // shown while there are no items
    int m_current = -1;
    bool m_loading = false;  // the form is being filled: its signals are not edits
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
