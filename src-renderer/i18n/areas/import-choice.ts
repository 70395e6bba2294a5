/** Words for choosing where a file goes and how it is read (issue 15, items 7–10). */
const zh = {
  shop: '导入到店铺',
  shopPlaceholder: '选择店铺',
  newShop: '新建店铺…',
  newShopName: '新店铺名称',
  newShopKind: '平台',
  suggested: '文件看起来来自{{platform}}',
  suggestedNone: '无法判断文件来自哪个平台，请选择店铺',
  needShop: '请先选择要导入的店铺，或新建一个',
  importOnce: '仅导入这一次',
  importOnceHint: '不保存模板；下次同样的表格还需要重新对应列',
  saveAsTemplate: '保存为共享模板',
  schedule: '导入时间',
  every: { daily: '每天', hours: '每隔', arrival: '文件到达时' },
  at: '时间',
  hoursUnit: '小时',
  pickFolder: '选择文件夹…',
};
const en: typeof zh = {
  shop: 'Import into shop',
  shopPlaceholder: 'Choose a shop',
  newShop: 'New shop…',
  newShopName: 'New shop name',
  newShopKind: 'Platform',
  suggested: 'The file looks like it came from {{platform}}',
  suggestedNone: 'Cannot tell which platform the file came from; choose a shop',
  needShop: 'Choose the shop to import into, or create one',
  importOnce: 'Import this once',
  importOnceHint: 'No template is saved; the next file like this needs its columns matched again',
  saveAsTemplate: 'Save as shared template',
  schedule: 'When',
  every: { daily: 'Daily', hours: 'Every', arrival: 'When a file arrives' },
  at: 'At',
  hoursUnit: 'hours',
  pickFolder: 'Choose folder…',
};

export const importChoice = { zh, en };
