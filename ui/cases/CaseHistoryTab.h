#pragma once

#include "store/AuditLog.h"
#include "ui/cases/StaffNames.h"

#include <QAbstractTableModel>
#include <QWidget>

#include <vector>

class QLabel;
class QTableView;

namespace claimdesk::ui {

class Prompter;
class VaultSession;

// The audit entries about one case, newest first, in words: who opened, edited, showed the account or a
// sensitive note, and when.
class CaseHistoryModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaseHistoryModel)
public:
    enum Column { When, Who, What, Details, ColumnCount };
    static constexpr int SortRole = Qt::UserRole;

    explicit CaseHistoryModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setEntries(std::vector<core::AuditEntry> entries);
    void setStaffNames(const StaffNames& staff) { m_staff = staff; }
    void clear();

    static QString describeAction(const QString& action);
    static QString describeDetails(const core::AuditEntry& entry);
    static QString describeField(const QString& auditKey);

private:
    std::vector<core::AuditEntry> m_entries;
    StaffNames m_staff;
};

// History: for supervisors (and admins, who see no case content and so never open a case file). Loaded when
// the tab is first shown.
class CaseHistoryTab final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaseHistoryTab)
public:
    CaseHistoryTab(VaultSession& session, Prompter& prompter, qint64 caseId, const StaffNames& staff,
                   QWidget* parent = nullptr);
    ~CaseHistoryTab() override;

    void reload();
    void wipe();
    CaseHistoryModel* model() const { return m_model; }

protected:
    void showEvent(QShowEvent* event) override;

private:
    VaultSession& m_session;
    Prompter& m_prompter;
    qint64 m_caseId;
    CaseHistoryModel* m_model;
    QTableView* m_view;
    QLabel* m_intro;
};

}  // namespace claimdesk::ui
