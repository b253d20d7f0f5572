#include "ui/session/InactivityLocker.h"

#include <QCoreApplication>
#include <QEvent>

namespace claimdesk::ui {

namespace {
bool isUserActivity(QEvent::Type type)
{
    switch (type) {
    case QEvent::KeyPress:
    case QEvent::KeyRelease:
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonRelease:
    case QEvent::MouseButtonDblClick:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
    case QEvent::TabletPress:
    case QEvent::InputMethod: return true;
    default: return false;
    }
}
}  // namespace

InactivityLocker::InactivityLocker(QObject* parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(std::chrono::minutes(5));
    connect(&m_timer, &QTimer::timeout, this, &InactivityLocker::expire);
}

InactivityLocker::~InactivityLocker()
{
    stop();
}

void InactivityLocker::setTimeout(std::chrono::milliseconds timeout)
{
    m_timer.setInterval(timeout);
    if (m_running) {
        m_timer.start();
    }
}

std::chrono::milliseconds InactivityLocker::timeout() const
{
    return m_timer.intervalAsDuration();
}

void InactivityLocker::start()
{
    if (!m_running && QCoreApplication::instance() != nullptr) {
        QCoreApplication::instance()->installEventFilter(this);
    }
    m_running = true;
    m_timer.start();
}

void InactivityLocker::stop()
{
    if (m_running && QCoreApplication::instance() != nullptr) {
        QCoreApplication::instance()->removeEventFilter(this);
    }
    m_running = false;
    m_timer.stop();
}

bool InactivityLocker::eventFilter(QObject* watched, QEvent* event)
{
    if (m_running && isUserActivity(event->type())) {
        m_timer.start();
    }
    return QObject::eventFilter(watched, event);
}

void InactivityLocker::expire()
{
    if (!m_running) {
        return;
    }
    stop();
    emit inactive();
}

}  // namespace claimdesk::ui
