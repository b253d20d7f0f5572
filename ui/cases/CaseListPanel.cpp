#include "ui/cases/CaseListPanel.h"

#include "ui/cases/CaseAccess.h"
#include "ui/cases/CaseFilterProxy.h"
#include "ui/cases/CaseFlagsDelegate.h"
#include "ui/cases/CaseListModel.h"
#include "ui/cases/CaseText.h"
#include "ui/common/BusyIndicator.h"
#include "ui/common/ErrorText.h"
#include "ui/common/Typography.h"
#include "ui/session/VaultSession.h"

#include "cases/CaseService.h"

#include <QCheckBox>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMap>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace claimdesk::ui {

namespace {
QString number(int n)
{
    return QLocale(QLocale::English, QLocale::UnitedKingdom).toString(n);
}
}  // namespace

CaseListPanel::CaseListPanel(VaultSession& session, QWidget* parent)
    : QWidget(parent),
      m_session(session),
      m_model(new CaseListModel(this)),
      m_proxy(new CaseFilterProxy(m_model, this)),
      m_search(new QLineEdit(this)),
      m_stage(new QComboBox(this)),
      m_feeEarner(new QComboBox(this)),
      m_mine(new QCheckBox(tr("&My cases"), this)),
      m_safeguarding(new QCheckBox(tr("Safe&guarding"), this)),
      m_restricted(new QCheckBox(tr("&Restricted"), this)),
      m_count(new QLabel(this)),
      m_busy(new BusyIndicator(this)),
      m_stack(new QStackedWidget(this)),
      m_view(new QTableView(this)),
      m_empty(new QLabel(this))
{
    setObjectName(QStringLiteral("caseListPanel"));
    m_search->setObjectName(QStringLiteral("caseSearchEdit"));
    m_stage->setObjectName(QStringLiteral("stageFilterComboBox"));
    m_feeEarner->setObjectName(QStringLiteral("feeEarnerFilterComboBox"));
    m_mine->setObjectName(QStringLiteral("myCasesCheckBox"));
    m_safeguarding->setObjectName(QStringLiteral("safeguardingFilterCheckBox"));
    m_restricted->setObjectName(QStringLiteral("restrictedFilterCheckBox"));
    m_count->setObjectName(QStringLiteral("resultCountLabel"));
    m_view->setObjectName(QStringLiteral("caseTableView"));
    m_empty->setObjectName(QStringLiteral("caseListEmptyLabel"));

    m_search->setPlaceholderText(tr("Search by reference, client name (also former names) or party…   Ctrl+F"));
    m_search->setClearButtonEnabled(true);
    m_search->setToolTip(tr("Type part of a reference or any name; accents do not matter. Esc clears."));
    m_search->installEventFilter(this);
    m_searchTimer.setSingleShot(true);
    m_searchTimer.setInterval(kSearchDelayMs);
    connect(&m_searchTimer, &QTimer::timeout, this, &CaseListPanel::runSearch);
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_searchTimer.start(); });

    m_stage->addItem(tr("All stages"));
    for (core::Stage stage : kAllStages) {
        m_stage->addItem(stageName(stage), static_cast<int>(stage));
    }
    m_stage->setToolTip(tr("Only cases at this stage"));
    m_feeEarner->addItem(tr("All fee earners"));
    m_feeEarner->setToolTip(tr("Only this fee earner's cases"));
    m_feeEarner->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_mine->setToolTip(tr("Only cases where you are the fee earner"));
    m_safeguarding->setToolTip(tr("Only cases with a safeguarding risk waiting for a supervisor's action"));
    m_restricted->setToolTip(tr("Only restricted cases"));
    for (QComboBox* combo : {m_stage, m_feeEarner}) {
        connect(combo, &QComboBox::currentIndexChanged, this, &CaseListPanel::applyFilters);
    }
    for (QCheckBox* check : {m_mine, m_safeguarding, m_restricted}) {
        connect(check, &QCheckBox::toggled, this, &CaseListPanel::applyFilters);
    }
    makeSecondary(m_count);
    m_count->setTextFormat(Qt::PlainText);

    m_view->setModel(m_proxy);
    m_view->setItemDelegateForColumn(CaseListModel::Flags, new CaseFlagsDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(CaseListModel::Reference, Qt::DescendingOrder);  // the newest cases first
    m_view->verticalHeader()->hide();
    // Fixed row heights and widths: a view over 100,000 rows must never measure every row.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 12);
    QHeaderView* header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(CaseListModel::Client, QHeaderView::Stretch);
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));
    m_view->setColumnWidth(CaseListModel::Reference, 12 * em);
    m_view->setColumnWidth(CaseListModel::Stage, 11 * em);
    m_view->setColumnWidth(CaseListModel::FeeEarner, 11 * em);
    m_view->setColumnWidth(CaseListModel::NextDeadline, 21 * em);
    m_view->setColumnWidth(CaseListModel::Flags, 22 * em);
    connect(m_view, &QAbstractItemView::activated, this, &CaseListPanel::openIndex);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &CaseListPanel::updateCount);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &CaseListPanel::updateCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &CaseListPanel::updateCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &CaseListPanel::updateCount);

    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setTextFormat(Qt::PlainText);
    m_empty->setMargin(32);
    makeSecondary(m_empty);
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_empty);

    auto* filters = new QHBoxLayout;
    filters->setSpacing(10);
    filters->addWidget(m_stage);
    filters->addWidget(m_feeEarner);
    filters->addSpacing(6);
    filters->addWidget(m_mine);
    filters->addWidget(m_safeguarding);
    filters->addWidget(m_restricted);
    filters->addStretch(1);
    filters->addWidget(m_busy);
    filters->addWidget(m_count);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 8);
    layout->setSpacing(8);
    layout->addWidget(m_search);
    layout->addLayout(filters);
    layout->addWidget(m_stack, 1);
    updateCount();
}

CaseListPanel::~CaseListPanel() = default;

void CaseListPanel::reload()
{
    if (m_session.cases() == nullptr || m_loading) {
        return;
    }
    m_loading = true;
    m_busy->start(tr("Loading cases…"));
    updateCount();
    m_loadTimer.start();
    // Off the UI thread: 100,000 cases take seconds to read. The window stays responsive meanwhile.
    m_session.listCases(this, [this](const core::Result<std::vector<core::CaseSummary>>& listed) {
        finishLoading(listed);
    });
}

void CaseListPanel::finishLoading(const core::Result<std::vector<core::CaseSummary>>& listed)
{
    if (!m_loading) {
        return;  // cleared (locked) meanwhile
    }
    if (!listed) {
        m_loading = false;
        m_busy->stop();
        emit statusMessage(tr("The case list could not be loaded: %1").arg(describe(listed.error())));
        updateCount();
        return;
    }
    // The sort keys (folded names, reference ranks) are made off the UI thread too; only the swap is here.
    auto* watcher = new QFutureWatcher<CaseListModel::Prepared>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        CaseListModel::Prepared prepared = watcher->future().takeResult();
        if (!m_loading) {
            return;  // cleared (locked) meanwhile: the rows go with the watcher
        }
        m_loading = false;
        m_busy->stop();
        m_proxy->setCurrentUser(m_session.currentUser().username);
        m_model->setPrepared(std::move(prepared));
        m_loadMs = m_loadTimer.elapsed();
        rebuildFeeEarners();
        if (!m_search->text().trimmed().isEmpty()) {
            runSearch();
        }
        updateCount();
        emit loaded();
    });
    watcher->setFuture(QtConcurrent::run(&CaseListModel::prepare, listed.value()));
}

void CaseListPanel::updateCase(const core::CaseSummary& summary)
{
    m_model->updateCase(summary);
    updateCount();
}

void CaseListPanel::setPrivacyMode(bool on)
{
    m_model->setPrivacyMode(on);
    m_proxy->invalidate();  // the client column sorts by initials in privacy mode
}

void CaseListPanel::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void CaseListPanel::clear()
{
    m_searchTimer.stop();
    m_loading = false;
    m_busy->stop();
    m_model->clear();
    m_proxy->clear();
    const QSignalBlocker blockSearch(m_search);
    m_search->clear();
    for (QComboBox* combo : {m_stage, m_feeEarner}) {
        const QSignalBlocker block(combo);
        combo->setCurrentIndex(0);
    }
    {
        const QSignalBlocker block(m_feeEarner);
        while (m_feeEarner->count() > 1) {
            m_feeEarner->removeItem(1);
        }
    }
    for (QCheckBox* check : {m_mine, m_safeguarding, m_restricted}) {
        const QSignalBlocker block(check);
        check->setChecked(false);
    }
    updateCount();
}

bool CaseListPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Escape && !m_search->text().isEmpty()) {
            m_search->clear();
            m_searchTimer.stop();
            runSearch();
            return true;
        }
        if ((key->key() == Qt::Key_Down || key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
            && m_proxy->rowCount() > 0) {
            if (m_searchTimer.isActive()) {
                m_searchTimer.stop();
                runSearch();
            }
            if (m_proxy->rowCount() > 0) {
                m_view->setFocus(Qt::TabFocusReason);
                m_view->setCurrentIndex(m_proxy->index(0, 0));
                m_view->selectRow(0);
                if (key->key() != Qt::Key_Down && m_proxy->rowCount() == 1) {
                    openIndex(m_proxy->index(0, 0));
                }
            }
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void CaseListPanel::runSearch()
{
    const QString text = m_search->text().trimmed();
    if (text.isEmpty()) {
        m_proxy->setSearchHits(std::nullopt);
        updateCount();
        return;
    }
    core::CaseService* cases = availableCases(m_session);
    if (cases == nullptr || m_loading) {
        return;  // runs again when the list has loaded
    }
    auto hits = cases->search(text);
    if (!hits) {
        emit statusMessage(tr("The search failed: %1").arg(describe(hits.error())));
        return;
    }
    m_proxy->setSearchHits(std::move(*hits));
    updateCount();
}

void CaseListPanel::applyFilters()
{
    core::CaseFilter filter;
    if (m_stage->currentIndex() > 0) {
        filter.stage = static_cast<core::Stage>(m_stage->currentData().toInt());
    }
    if (m_feeEarner->currentIndex() > 0) {
        filter.feeEarner = m_feeEarner->currentData().toString();
    }
    filter.mineOnly = m_mine->isChecked();
    filter.safeguardingOnly = m_safeguarding->isChecked();
    filter.restrictedOnly = m_restricted->isChecked();
    m_proxy->setFilter(filter);
    updateCount();
}

void CaseListPanel::rebuildFeeEarners()
{
    const QString chosen = m_feeEarner->currentData().toString();
    QMap<QString, QString> byName;  // display name (folded) -> username, sorted by name
    QHash<QString, QString> names;
    for (const core::CaseSummary& s : m_model->cases()) {
        if (!s.feeEarner.isEmpty() && !names.contains(s.feeEarner)) {
            const QString name = s.feeEarnerName.isEmpty() ? s.feeEarner : s.feeEarnerName;
            names.insert(s.feeEarner, name);
            byName.insert(name.toCaseFolded() + QLatin1Char('\n') + s.feeEarner, s.feeEarner);
        }
    }
    const QSignalBlocker block(m_feeEarner);
    while (m_feeEarner->count() > 1) {
        m_feeEarner->removeItem(1);
    }
    for (auto it = byName.cbegin(); it != byName.cend(); ++it) {
        m_feeEarner->addItem(names.value(it.value()), it.value());
    }
    const int again = m_feeEarner->findData(chosen);
    m_feeEarner->setCurrentIndex(chosen.isEmpty() || again < 0 ? 0 : again);
}

QString CaseListPanel::resultCountText() const
{
    return m_count->text();
}

void CaseListPanel::updateCount()
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    if (m_loading) {
        m_count->clear();
    } else if (shown == total) {
        m_count->setText(tr("%1 case(s)", nullptr, total).arg(number(total)));
    } else {
        m_count->setText(tr("%1 of %2 case(s)", nullptr, total).arg(number(shown), number(total)));
    }
    if (shown > 0 || m_loading) {
        m_stack->setCurrentWidget(m_view);
        return;
    }
    if (total == 0) {
        m_empty->setText(tr("No cases yet.\n\nStart an intake with Cases › New intake… (Ctrl+N)."));
    } else if (!m_search->text().trimmed().isEmpty()) {
        m_empty->setText(tr("No case matches “%1” with these filters.\n\nCheck the spelling, try part of a name, "
                            "or press Esc to clear the search.")
                             .arg(m_search->text().trimmed()));
    } else {
        m_empty->setText(tr("No case matches these filters."));
    }
    m_stack->setCurrentWidget(m_empty);
}

void CaseListPanel::openIndex(const QModelIndex& proxyIndex)
{
    if (!proxyIndex.isValid()) {
        return;
    }
    const QModelIndex source = m_proxy->mapToSource(proxyIndex);
    const core::CaseSummary* summary = m_model->caseAt(source.row());
    if (summary == nullptr) {
        return;
    }
    if (summary->restrictedPlaceholder) {
        emit restrictedCaseRequested(summary->id, summary->reference);
        return;
    }
    emit openCaseRequested(summary->id);
}

}  // namespace claimdesk::ui
