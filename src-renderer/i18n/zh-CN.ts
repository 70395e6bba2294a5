/** 简体中文（默认）。Each area adds its own block. */
export const zhCN = {
  app: { name: 'OrderHub 订单中枢', demoBanner: '演示工作区：数据均为模拟生成，五个账号 owner / ops / service / warehouse / finance，密码 orderhub-demo', logout: '退出登录', language: 'English' },
  nav: { home: '首页', users: '用户管理', audit: '审计日志' },
  login: { title: '登录', username: '用户名', password: '密码', submit: '登录', required: '请输入{{field}}' },
  setup: {
    title: '新工作区：创建老板账户', intro: '这是一个新的工作区。请先创建老板（管理员）账户，之后可在“用户管理”中为员工开通账号。',
    or: '或者', demo: '先体验演示工作区', demoIntro: '用模拟的 6 家店铺、2 万笔订单看看 OrderHub 能做什么；之后可随时新建真实工作区。', demoSeeding: '正在生成演示数据…', demoCount: '正在生成演示订单 {{done}} / {{total}}', demoStop: '够了，先看看',
    displayName: '显示名称', confirm: '确认密码', mismatch: '两次输入的密码不一致', submit: '创建并进入',
  },
  home: { welcome: '欢迎，{{name}}', role: '当前角色：{{role}}', permissions: '可执行的操作' },
  users: {
    title: '用户管理', create: '新建用户', username: '用户名', displayName: '显示名称', role: '角色', status: '状态',
    createdAt: '创建时间', password: '初始密码', newPassword: '新密码（留空不改）', active: '正常', disabled: '已停用', locked: '已锁定',
    edit: '编辑', unlock: '解锁', disable: '停用', enable: '启用', saved: '已保存', created: '已创建用户 {{name}}',
    confirmDisable: '停用后该用户将立即退出，且无法登录。确定停用 {{name}}？',
  },
  audit: {
    title: '审计日志', verify: '校验哈希链', verifyOk: '哈希链完整：已校验 {{count}} 条记录', verifyBroken: '哈希链有 {{count}} 处不符，已全部列出', verifyRange: '第 {{from}}–{{to}} 条：{{problem}}', verifyOne: '第 {{from}} 条：{{problem}}',
    verifySealed: '自第 {{from}} 条起每条记录都有密钥签名；库外检查点停在第 {{seq}} 条。',
    breaks: {
      missing: '记录缺失', link: '与上一条记录接不上（被删除、插入或调换过）', edited: '内容被改动过', unkeyed: '没有密钥签名（疑似伪造）',
      no_key: '缺少链密钥，无法核对', truncated: '链尾的记录被截掉了', rewritten: '链尾与数据库外的检查点不符（被改写过）', checkpoint: '数据库外的检查点缺失或被改动',
    },
    at: '时间', actor: '操作人', call: '接口', entity: '对象', entityId: '对象 ID', action: '动作', reason: '原因', detail: '变更',
    filterActor: '按操作人', filterEntity: '按对象类型', filterTime: '时间范围', anyone: '全部人员', total: '共 {{count}} 条',
    search: '订单号或人员（用户名、姓名）', what: '做了什么', colon: '：', andMore: ' 等，另有 {{count}} 个', newer: '较新', older: '更早',
  },
  password: { change: '修改密码', current: '当前密码', new: '新密码（至少 8 位）', changed: '密码已修改' },
  common: { cancel: '取消', ok: '确定', save: '保存', loading: '加载中…', refresh: '刷新', forbidden: '当前角色无权访问此页面', search: '搜索' },
};
export type Messages = typeof zhCN;
