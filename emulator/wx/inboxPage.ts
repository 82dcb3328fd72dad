// GET /__emulator/inbox.html: the subscribe messages sent, newest first, as a person reads them.
import type { InboxMessage } from './inbox'

const esc = (s: unknown) => String(s).replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' }[c]!))

const when = (iso: string) => new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', month: 'long', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit', hour12: false,
}).format(new Date(iso))

/** The page for `messages`; `openid` is the person they were filtered to, if any. */
export function inboxPage(messages: InboxMessage[], openid: string | null): string {
  const items = messages.map((m) => `
      <li>
        <div class="meta">${esc(when(m.sentAt))} · 发给 <a href="?openid=${encodeURIComponent(m.touser)}">${esc(m.touser)}</a>${m.from ? ` · 由云函数 ${esc(m.from)} 发送` : ''}</div>
        <div class="tpl">模板 ${esc(m.template_id)}${m.page ? ` · 点击打开 <code>${esc(m.page)}</code>` : ''}</div>
        <dl>${Object.entries(m.data).map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v.value)}</dd>`).join('')}</dl>
      </li>`).join('')
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>订阅消息收件箱 · CloudBase 模拟器</title>
<style>
  body { font: 18px/1.6 system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; margin: 0 auto; max-width: 720px; padding: 16px; color: #1f1f1f; background: #f5f5f5; }
  h1 { font-size: 24px; color: #c8102e; } ul { list-style: none; padding: 0; }
  li { background: #fff; border-radius: 8px; padding: 12px 16px; margin: 12px 0; }
  .meta { color: #595959; font-size: 16px; } .tpl { font-size: 16px; margin-bottom: 4px; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; } dt { color: #595959; } dd { margin: 0; }
  a { color: #0b57d0; } .empty { color: #595959; }
</style></head><body>
<h1>订阅消息收件箱</h1>
<p>模拟器收到的 subscribeMessage.send，最新的在前${openid ? `；只看 ${esc(openid)}（<a href="?">看全部</a>）` : ''}。<a href="">刷新</a></p>
${messages.length ? `<ul>${items}</ul>` : '<p class="empty">还没有消息。</p>'}
</body></html>`
}
