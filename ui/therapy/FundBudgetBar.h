#pragma once

#include <QWidget>

namespace claimdesk::ui {

// The fund year's budget as one horizontal stacked bar: paid, committed, and what remains of the allocation.
// When commitments exceed the allocation, the overrun is drawn in red past the allocation's end mark.
class FundBudgetBar final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FundBudgetBar)
public:
    explicit FundBudgetBar(QWidget* parent = nullptr);

    void setFigures(qint64 allocatedPence, qint64 committedPence, qint64 paidPence);
    void clear();
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    static QColor paidColour();
    static QColor committedColour();
    static QColor remainingColour();
    static QColor overrunColour();

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    qint64 m_allocated = 0;
    qint64 m_committed = 0;
    qint64 m_paid = 0;
};

}  // namespace claimdesk::ui
