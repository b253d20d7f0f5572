#include "ui/cases/ConflictDialog.h"

#include "ui/cases/CaseDiff.h"
#include "ui/cases/CaseText.h"
#include "ui/common/Typography.h"
#include "ui_ConflictDialog.h"

#include <QHeaderView>
#include <QPushButton>

namespace claimdesk::ui {

ConflictDialog::ConflictDialog(const core::CaseRecord& base, const core::CaseRecord& mine,
                               const core::EditConflict& conflict, bool privacyMode, QWidget* parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ConflictDialog>())
{
    m_ui->setupUi(this);
    setWindowTitle(tr("%1: someone else saved this case").arg(mine.reference));  // a reference, never a name
    makeHeading(m_ui->headingLabel);
    makeSecondary(m_ui->choiceLabel);
    const QString who = conflict.savedBy.isEmpty() ? tr("Someone") : conflict.savedBy;
    m_ui->introLabel->setText(tr("%1 saved %2 at %3, after you opened it. Nothing you typed has been lost. Compare "
                                 "the two versions and choose which to keep.")
                                  .arg(who, mine.reference, ukDateTime(conflict.savedAtUtc)));

    const std::vector<FieldDifference> differences = caseDifferences(base, mine, conflict.theirs, privacyMode);
    m_differences = static_cast<int>(differences.size());
    QTableWidget* table = m_ui->differencesTable;
    table->setColumnCount(4);
    table->setHorizontalHeaderLabels({tr("Field"), tr("Yours (not saved yet)"), tr("Theirs (saved by %1)").arg(who),
                                      tr("Changed by")});
    table->setFocusPolicy(Qt::NoFocus);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    table->horizontalHeader()->setSectionResizeMode(3, QHeaderView::ResizeToContents);
    table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->verticalHeader()->setMinimumSectionSize(fontMetrics().height() + 10);
    if (differences.empty()) {
        table->setRowCount(1);
        auto* item = new QTableWidgetItem(tr("The fields you can edit here are the same in both versions (they "
                                             "may have changed the account, a note or the safeguarding record)."));
        table->setItem(0, 0, item);
        table->setSpan(0, 0, 1, 4);
    } else {
        table->setRowCount(static_cast<int>(differences.size()));
        int row = 0;
        for (const FieldDifference& d : differences) {
            auto* field = new QTableWidgetItem(d.field);
            QFont bold = field->font();
            bold.setWeight(QFont::DemiBold);
            field->setFont(bold);
            table->setItem(row, 0, field);
            table->setItem(row, 1, new QTableWidgetItem(d.mine));
            table->setItem(row, 2, new QTableWidgetItem(d.theirs));
            QString by;
            switch (d.changedBy) {
            case FieldDifference::ChangedBy::You: by = tr("you"); break;
            case FieldDifference::ChangedBy::Them: by = who; break;
            case FieldDifference::ChangedBy::Both: by = tr("both of you"); break;
            }
            table->setItem(row, 3, new QTableWidgetItem(by));
            ++row;
        }
    }

    m_keepMine = m_ui->buttonBox->addButton(tr("&Keep mine"), QDialogButtonBox::AcceptRole);
    m_keepMine->setObjectName(QStringLiteral("keepMineButton"));
    m_useTheirs = m_ui->buttonBox->addButton(tr("&Use theirs"), QDialogButtonBox::DestructiveRole);
    m_useTheirs->setObjectName(QStringLiteral("useTheirsButton"));
    m_cancel = m_ui->buttonBox->addButton(tr("Cancel (keep editing)"), QDialogButtonBox::RejectRole);
    m_cancel->setObjectName(QStringLiteral("cancelConflictButton"));
    m_cancel->setDefault(true);
    connect(m_keepMine, &QPushButton::clicked, this, [this] { done(KeepMine); });
    connect(m_useTheirs, &QPushButton::clicked, this, [this] { done(UseTheirs); });
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    resize(900, 480);
}

ConflictDialog::~ConflictDialog() = default;

int ConflictDialog::differenceCount() const
{
    return m_differences;
}

}  // namespace claimdesk::ui
