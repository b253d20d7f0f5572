#include "ui/cases/CaseSection.h"

#include "ui/common/Typography.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QVBoxLayout>

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
