/** Words of the first minutes: the checklist of an empty workspace, the way from the demo to a real one. */
const zh = {
  title: '从这里开始',
  intro: '工作区里还没有订单。完成下面几步，订单就会出现在这里：',
  addShop: '添加店铺', addShopHint: '接入淘宝、京东、拼多多、抖店等平台，订单会自动拉取',
  importSheet: '导入表格', importSheetHint: '把平台后台导出的订单报表或门店表格拖进来',
  invite: '邀请同事', inviteHint: '为客服、仓库、财务开通账号，各看各的',
  done: '已完成', go: '去完成',
  askOwner: '请老板或运营主管添加店铺或导入表格，订单到了会出现在这里。',
  newReal: '新建真实工作区',
  newRealTitle: '离开演示，新建真实工作区？',
  newRealBody: '将打开一个全新的空工作区，由你创建老板账户，再接入自己的店铺。演示数据原样保留在原文件夹里，不会带入新工作区。',
  newRealOk: '新建并前往',
  newRealDone: '已新建真实工作区，请创建老板账户',
  demoFirst: '正在生成演示订单，第一批马上就到',
  demoFirstCount: '已生成 {{done}} / 共 {{total}} 单，订单会陆续出现在这里。',
};

const en: typeof zh = {
  title: 'Start here',
  intro: 'There are no orders in this workspace yet. These steps bring them in:',
  addShop: 'Add a shop', addShopHint: 'Connect Taobao, JD, Pinduoduo, Douyin and more; orders are pulled automatically',
  importSheet: 'Import a spreadsheet', importSheetHint: "Drop in an order report exported from a platform's back office or a store sheet",
  invite: 'Invite colleagues', inviteHint: 'Accounts for service, warehouse and finance, each seeing their own work',
  done: 'Done', go: 'Go',
  askOwner: 'Ask the owner or ops lead to add a shop or import a spreadsheet; orders show here as they arrive.',
  newReal: 'New real workspace',
  newRealTitle: 'Leave the demo for a new real workspace?',
  newRealBody: 'A new empty workspace opens; you create its owner account and connect your own shops. The demo data stays as it is in its folder and is not carried over.',
  newRealOk: 'Create and open',
  newRealDone: 'New real workspace created: create the owner account',
  demoFirst: 'Generating the demo orders; the first ones arrive in a moment',
  demoFirstCount: '{{done}} of {{total}} orders made; they appear here as they come.',
};

export const start = { zh, en };
