#include "ui/cases/CaseSection.h"

#include "ui/common/Typography.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace claimdesk::ui {

void TableSection::setUpTable(const QString& objectName, const QStringList& headers, const QString& addText,
                              const QString& addName, const QString& removeText, const QString& removeName)
{
    m_table = new QTableWidget(0, static_cast<int>(headers.size()), this);
    m_table->setObjectName(objectName);
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int current) { select(current); });

    m_add = new QPushButton(addText, this);
    m_add->setObjectName(addName);
    m_remove = new QPushButton(removeText, this);
    m_remove->setObjectName(removeName);
    connect(m_add, &QPushButton::clicked, this, &TableSection::addItem);
    connect(m_remove, &QPushButton::clicked, this, &TableSection::removeItem);
}

void TableSection::reloadRows()
{
    m_current = -1;
    {
        const QSignalBlocker block(m_table);
        m_table->setRowCount(itemCount());
        for (int r = 0; r < m_table->rowCount(); ++r) {
            refreshRow(r);
        }
    }
    select(itemCount() == 0 ? -1 : 0);
}

void TableSection::refreshRow(int r)
{
    if (r < 0 || r >= itemCount()) {
        return;
    }
    const QStringList texts = cells(r);
    for (int c = 0; c < m_table->columnCount(); ++c) {
        auto* item = m_table->item(r, c);
        if (item == nullptr) {
            item = new QTableWidgetItem;
            m_table->setItem(r, c, item);
        }
        item->setText(texts.value(c));
    }
    decorateRow(r);
}

void TableSection::select(int row)
{
    if (row == m_current && row >= 0) {
        return;
    }
    m_current = row;
    const bool has = hasCurrent();
    if (m_form != nullptr) {
        m_form->setEnabled(has);
    }
    m_remove->setEnabled(has);
    if (m_empty != nullptr) {
        m_empty->setVisible(itemCount() == 0);
    }
    m_loading = true;
    showItem();
    m_loading = false;
    if (row >= 0 && m_table->currentRow() != row) {
        const QSignalBlocker block(m_table);
        m_table->selectRow(row);
    }
}

void TableSection::formEdited()
{
    if (m_loading) {
        return;
    }
    storeForm();
    refreshRow(m_current);
    emit edited();
}

void TableSection::addItem()
{
    appendItem();
    const int r = itemCount() - 1;
    {
        const QSignalBlocker block(m_table);
        m_table->setRowCount(r + 1);
        refreshRow(r);
    }
    select(r);
    firstField()->setFocus();
    emit edited();
}

void TableSection::removeItem()
{
    if (!hasCurrent()) {
        return;
    }
    const int r = m_current;
    eraseItem(r);
    m_current = -1;
    {
        const QSignalBlocker block(m_table);
        m_table->removeRow(r);
    }
    select(itemCount() == 0 ? -1 : std::min(r, itemCount() - 1));
    emit edited();
}

}  // namespace claimdesk::ui

namespace claimdesk::ui::form {

QLabel* hint(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    makeProblem(label);
    label->setVisible(false);
    return label;
}

QWidget* withHint(QWidget* field, QLabel* hint)
{
    auto* cell = new QWidget(field->parentWidget());
    auto* layout = new QVBoxLayout(cell);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    field->setParent(cell);
    hint->setParent(cell);
    layout->addWidget(field);
    layout->addWidget(hint);
    return cell;
}

QLineEdit* line(QWidget* parent, const QString& objectName, int maxLength)
{
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setMaxLength(maxLength);
    return edit;
}

QStringList splitList(const QString& text)
{
    static const QRegularExpression separators(QStringLiteral("[,;]"));
    QStringList out;
    for (const QString& part : text.split(separators, Qt::SkipEmptyParts)) {
        if (const QString item = part.trimmed(); !item.isEmpty()) {
            out << item;
        }
    }
    return out;
}

QStringList splitLines(const QString& text)
{
    QStringList out;
    for (const QString& part : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (const QString item = part.trimmed(); !item.isEmpty()) {
            out << item;
        }
    }
    return out;
}

QString joinList(const QStringList& items)
{
    return items.join(QStringLiteral(", "));
}

QFormLayout* formLayout(QWidget* parent)
{
    auto* layout = new QFormLayout(parent);
    layout->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    layout->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    layout->setFormAlignment(Qt::AlignLeft | Qt::AlignTop);
    layout->setHorizontalSpacing(12);
    layout->setVerticalSpacing(8);
    return layout;
}

}  // namespace claimdesk::ui::form
