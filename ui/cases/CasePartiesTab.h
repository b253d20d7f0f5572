#pragma once

#include "ui/cases/CaseSection.h"

#include <vector>

class QComboBox;
class QLineEdit;
class QPushButton;
class QTableWidget;
class QLabel;

namespace claimdesk::ui {

// Parties: the people and organisations on the case (abusers, institutions, insurers, experts …) with
// their aliases, a table and a form for the selected one.
class CasePartiesTab final : public CaseSection {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CasePartiesTab)
public:
    explicit CasePartiesTab(QWidget* parent = nullptr);
    ~CasePartiesTab() override;

    void load(const core::CaseRecord& record) override;
    void apply(core::CaseRecord& record) const override;
    QStringList problems() const override;

private:
    void select(int row);
    void showParty();
    void storeForm();
    void refreshRow(int row);
    void addParty();
    void removeParty();

    std::vector<core::CaseParty> m_parties;
    int m_current = -1;
    bool m_loading = false;

    QTableWidget* m_table;
    QPushButton* m_add;
    QPushButton* m_remove;
    QWidget* m_form;
    QLineEdit* m_name;
    QLabel* m_nameHint;
    QComboBox* m_kind;
    QComboBox* m_role;
    QLineEdit* m_aliases;
    QLabel* m_empty;
};

}  // namespace claimdesk::ui
