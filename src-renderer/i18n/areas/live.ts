/** Words about the link to the core: starting (an update's migration) or unable to open the workspace, reconnecting after a restart, the demo filling in, timeouts. */
const zh = {
  reconnecting: '与后台服务的连接中断，正在自动重新连接…（页面会自行恢复，无需刷新）',
  reconnected: '已重新连接，数据已刷新',
  demoFilling: '正在生成演示订单：{{done}} / {{total}}，可以先开始使用，订单会陆续出现',
  starting: 'OrderHub 正在启动',
  cannotOpen: 'OrderHub 未能启动',
  cannotOpenHint: '按提示处理后重新启动 OrderHub；处理好之前，这个页面会一直显示原因。',
};

const en: typeof zh = {
  reconnecting: 'Lost the connection to the core; reconnecting… (this page recovers by itself, no need to reload)',
  reconnected: 'Reconnected; the data is up to date',
  demoFilling: 'Generating demo orders: {{done}} / {{total}}. Start using it now; orders keep appearing',
  starting: 'OrderHub is starting',
  cannotOpen: 'OrderHub did not start',
  cannotOpenHint: 'Do what the message says, then start OrderHub again; until then this page keeps showing why.',
};

export const live = { zh, en };
