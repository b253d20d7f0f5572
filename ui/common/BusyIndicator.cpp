#include "ui/common/BusyIndicator.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>

namespace claimdesk::ui {

BusyIndicator::BusyIndicator(QWidget* parent)
    : QWidget(parent), m_label(new QLabel(this)), m_bar(new QProgressBar(this))
{
    setObjectName(QStringLiteral("busyIndicator"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    m_bar->setRange(0, 0);  // indeterminate
    m_bar->setTextVisible(false);
    m_bar->setMaximumWidth(120);
    m_bar->setMaximumHeight(m_label->fontMetrics().height());
    layout->addWidget(m_bar);
    layout->addWidget(m_label, 1);
    QSizePolicy keepSpace = sizePolicy();
    keepSpace.setRetainSizeWhenHidden(true);
    setSizePolicy(keepSpace);
    setVisible(false);
}

void BusyIndicator::start(const QString& text)
{
    m_busy = true;
    m_label->setText(text);
    setVisible(true);
}

void BusyIndicator::stop()
{
    m_busy = false;
    m_label->clear();
    setVisible(false);
}

QString BusyIndicator::text() const
{
    return m_label->text();
}

}  // namespace claimdesk::ui
