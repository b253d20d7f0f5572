#pragma once

#include "cases/CaseService.h"

#include <QSet>
#include <QSortFilterProxyModel>

#include <optional>

namespace claimdesk::ui {

class CaseListModel;

// Filters and sorts the case list. The rules are core's (core::CaseFilter::matches); this proxy only
// delegates to them, with the set of search hits core::CaseService::search returned. Sorting compares the
// source model's raw values (CaseListModel::lessThan), never formatted text.
class CaseFilterProxy final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaseFilterProxy)
public:
    explicit CaseFilterProxy(CaseListModel* source, QObject* parent = nullptr);

    void setFilter(const core::CaseFilter& filter);
    const core::CaseFilter& filter() const { return m_filter; }
    void setCurrentUser(const QString& username);
    // Nothing: no search is active. A set (possibly empty): only those cases.
    void setSearchHits(std::optional<QSet<qint64>> hits);
    bool isSearching() const { return m_hits.has_value(); }
    void clear();  // no filter, no search, no user

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    void rebuild();

    CaseListModel* m_source;
    core::CaseFilter m_filter;
    QString m_user;
    std::optional<QSet<qint64>> m_hits;
};

}  // namespace claimdesk::ui
