#pragma once

#include "cases/CaseTypes.h"

#include <QAbstractTableModel>
#include <QDate>

#include <vector>

namespace claimdesk::ui {

// The case list, one row per core::CaseSummary. DisplayRole is formatted text (UK dates, days left,
// translated stages); SortRole carries the raw values (a reference key, QDate as a day number, the stage's
// order), and the proxy sorts on those. In privacy mode the client column shows initials only.
// A restricted case the user may not open is a greyed placeholder with only its reference.
class CaseListModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaseListModel)
public:
    enum Column { Reference, Client, Stage, FeeEarner, NextDeadline, Flags, ColumnCount };
    static constexpr int SortRole = Qt::UserRole;
    enum Role {
        CaseIdRole = Qt::UserRole + 1,  // qint64
        OpenableRole,                   // false for a restricted placeholder
        FlagsRole,                      // the Flag bits, on every column
    };
    enum Flag { SafeguardingFlag = 1, RestrictedFlag = 2, LimitationUnverifiedFlag = 4 };

    explicit CaseListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Per row, computed once when the cases arrive: sorting compares these, never formatted text.
    struct SortKeys {
        QString reference;  // "BBK|2026|0000000042", so 10000 sorts after 9999
        QString client;     // case- and accent-folded full name
        QString initials;
        QString feeEarner;
    };
    // The rows with their sort keys, ready to show. prepare() is pure (no model, no GUI), so the case list
    // builds it off the UI thread: folding 100,000 names takes a noticeable fraction of a second.
    struct Prepared {
        std::vector<core::CaseSummary> cases;
        std::vector<SortKeys> keys;
        std::vector<int> referenceRank;
    };
    static Prepared prepare(std::vector<core::CaseSummary> cases);
    static SortKeys keysFor(const core::CaseSummary& s);

    void setCases(std::vector<core::CaseSummary> cases);  // replaces everything
    void setPrepared(Prepared prepared);                   // the same, with the keys already made
    // Replaces one row (after a save), or appends it when the case is new to the list.
    void updateCase(const core::CaseSummary& summary);
    void clear();  // on lock: no client data left behind
    const std::vector<core::CaseSummary>& cases() const { return m_cases; }
    const core::CaseSummary* caseAt(int row) const;
    int rowOf(qint64 caseId) const;  // -1 when absent

    void setPrivacyMode(bool on);
    bool privacyMode() const { return m_privacy; }
    // "Today" for the days left; the current date unless a test sets it.
    void setToday(const QDate& today);

    // Raw-value ordering of two rows by `column` (reference key as the tie-break): what SortRole holds,
    // compared without building QVariants, so sorting 100,000 rows stays quick.
    bool lessThan(int leftRow, int rightRow, int column) const;

private:
    QVariant display(const core::CaseSummary& s, int column) const;
    QVariant sortValue(const core::CaseSummary& s, int column) const;
    QVariant toolTip(const core::CaseSummary& s, int column) const;
    static int flagsOf(const core::CaseSummary& s);

    void rankReferences();  // m_referenceRank from the reference keys


    std::vector<core::CaseSummary> m_cases;
    std::vector<SortKeys> m_keys;
    std::vector<int> m_referenceRank;  // per row: its place in reference order (integer compares when sorting)
    bool m_privacy = false;
    QDate m_today;
};

}  // namespace claimdesk::ui
