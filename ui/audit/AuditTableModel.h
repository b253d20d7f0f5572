#pragma once

#include "common/Result.h"
#include "store/AuditLog.h"

#include <QAbstractTableModel>

#include <functional>
#include <optional>
#include <vector>

namespace claimdesk::ui {

// The audit viewer's table: audit entries newest first, loaded a page at a time as the view scrolls
// (canFetchMore/fetchMore), so a million entries never load at once. The pages come from a PageSource (in the app,
// core::AuditService::query with the window's filter). Display text is formatted (UK local time); SortRole carries
// the raw values. Entities are named by their id (a case reference, a username): the log never holds client names.
class AuditTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditTableModel)
public:
    enum Column { Entry, Time, User, Action, Entity, EntityId, Summary, ColumnCount };
    static constexpr int SortRole = Qt::UserRole;
    // One page of entries older than beforeId (0: the newest), at most `limit`.
    using PageSource = std::function<core::Result<core::AuditPage>(qint64 beforeId, int limit)>;

    explicit AuditTableModel(QObject* parent = nullptr);
    ~AuditTableModel() override;

    // Starts over from `source` and loads its first page; returns that page's error, if any (the model is then empty).
    std::optional<core::Error> reset(PageSource source, int pageSize = 200);
    void clear();  // no rows and no source (a lock)

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    const core::AuditEntry* entryAt(int row) const;
    bool hasMore() const { return m_more; }
    int pageSize() const { return m_pageSize; }

    // "27/11/2026 14:05:09" in local time.
    static QString localTime(const QDateTime& utc);

signals:
    void pageFailed(const QString& message);  // a later page could not be read (the rows so far stay)

private:
    PageSource m_source;
    std::vector<core::AuditEntry> m_entries;
    int m_pageSize = 200;
    bool m_more = false;
    bool m_resetting = false;  // inside a reset's or an insertion's signals: no nested fetchMore
};

}  // namespace claimdesk::ui
