// 控制台「compliance」页面文字(简体中文)。
export const complianceZhCN = {
  title: '',
};
