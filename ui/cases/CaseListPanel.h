#pragma once

#include "cases/CaseTypes.h"
#include "common/Result.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;

namespace claimdesk::ui {

class BusyIndicator;
class CaseFilterProxy;
class CaseListModel;
class VaultSession;

// The case list: search as you type (debounced, through core's full-text index), filters for stage, fee
// earner, "my cases", safeguarding and restricted, a result count, and the table. Enter or a double-click
// asks to open the case; on a restricted placeholder it asks for break-glass instead (restrictedCaseRequested).
class CaseListPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaseListPanel)
public:
    static constexpr int kSearchDelayMs = 120;

    explicit CaseListPanel(VaultSession& session, QWidget* parent = nullptr);
    ~CaseListPanel() override;

    // Loads the list from core off the UI thread (VaultSession::listCases); the busy indicator shows until
    // the rows arrive (see isLoading() and loaded()).
    void reload();
    bool isLoading() const { return m_loading; }
    // After a save or a new intake: one row, without reloading 100,000.
    void updateCase(const core::CaseSummary& summary);
    void setPrivacyMode(bool on);
    void focusSearch();
    void clear();  // on lock: rows, search text, filters and the fee earner names all go

    CaseListModel* model() const { return m_model; }
    CaseFilterProxy* proxy() const { return m_proxy; }
    QTableView* view() const { return m_view; }
    QLineEdit* searchEdit() const { return m_search; }
    QString resultCountText() const;
    qint64 lastLoadMs() const { return m_loadMs; }  // how long the last load took

signals:
    void openCaseRequested(qint64 caseId);
    void restrictedCaseRequested(qint64 caseId, const QString& reference);  // a placeholder: offer break-glass
    void statusMessage(const QString& text);
    void loaded();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void finishLoading(const core::Result<std::vector<core::CaseSummary>>& listed);
    void runSearch();
    void applyFilters();
    void rebuildFeeEarners();
    void updateCount();
    void openIndex(const QModelIndex& proxyIndex);

    VaultSession& m_session;
    CaseListModel* m_model;
    CaseFilterProxy* m_proxy;
    QLineEdit* m_search;
    QComboBox* m_stage;
    QComboBox* m_feeEarner;
    QCheckBox* m_mine;
    QCheckBox* m_safeguarding;
    QCheckBox* m_restricted;
    QLabel* m_count;
    BusyIndicator* m_busy;
    QStackedWidget* m_stack;
    QTableView* m_view;
    QLabel* m_empty;
    QTimer m_searchTimer;
    QElapsedTimer m_loadTimer;
    bool m_loading = false;
    qint64 m_loadMs = -1;
};

}  // namespace claimdesk::ui
